package dev.groundwork.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converts;
import jakarta.persistence.metamodel.Attribute;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the mapping annotations the JPA metamodel does not expose: whether a column is declared
 * {@code NOT NULL}, and whether an attribute is converted. Only explicit annotations are seen: an
 * {@code autoApply} converter is invisible to the metamodel and to this class. Stateless; thread-safe.
 */
public final class Annotations {
    private Annotations() {}

    /**
     * Tells whether the attribute's column is declared {@code @Column(nullable = false)}.
     *
     * @param attribute a basic attribute
     * @return {@code true} if its member carries such an annotation
     */
    public static boolean columnNotNull(Attribute<?, ?> attribute) {
        AnnotatedElement element = element(attribute.getJavaMember());
        Column column = element == null ? null : element.getAnnotation(Column.class);
        return column != null && !column.nullable();
    }

    /**
     * Tells whether a class-level {@code @Convert} of the owner names this attribute path.
     *
     * @param owner the entity or embeddable class
     * @param attributePath the path from the owner, dotted
     * @return {@code true} if converted there
     */
    public static boolean converts(Class<?> owner, String attributePath) {
        for (Convert convert : converts(owner)) {
            if (!convert.disableConversion() && convert.attributeName().equals(attributePath)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether the member of {@code path[index]} carries a {@code @Convert} that applies to the rest of the
     * path: on the attribute itself, or naming the remaining path from an embedded attribute.
     *
     * @param attribute the attribute at {@code path[index]}
     * @param path the whole path
     * @param index the attribute's position in it
     * @return {@code true} if a conversion applies
     */
    public static boolean converts(Attribute<?, ?> attribute, String[] path, int index) {
        AnnotatedElement element = element(attribute.getJavaMember());
        if (element == null) {
            return false;
        }
        String rest = String.join(".", java.util.Arrays.copyOfRange(path, index + 1, path.length));
        for (Convert convert : converts(element)) {
            if (!convert.disableConversion() && convert.attributeName().equals(rest)) {
                return true;
            }
        }
        return false;
    }

    private static List<Convert> converts(AnnotatedElement element) {
        List<Convert> all = new ArrayList<>(List.of(element.getAnnotationsByType(Convert.class)));
        Converts many = element.getAnnotation(Converts.class);
        if (many != null) {
            all.addAll(List.of(many.value()));
        }
        return all;
    }

    private static @Nullable AnnotatedElement element(@Nullable Member member) {
        return member instanceof AnnotatedElement annotated ? annotated : null;
    }
}
