package dev.groundwork.apidocs;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A generic type captured without strings: {@code new TypeRef<Page<Order>>() {}}.
 *
 * @param <T> the type
 */
public abstract class TypeRef<T> {
    private final Type type;

    /** Captures the type argument of the anonymous subclass. */
    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType parameterized)) {
            throw new IllegalStateException("a TypeRef needs its type argument: new TypeRef<Page<Order>>() {}");
        }
        this.type = parameterized.getActualTypeArguments()[0];
    }

    /**
     * The captured type.
     *
     * @return the type
     */
    public final Type type() {
        return type;
    }

    @Override
    public String toString() {
        return "TypeRef[" + type.getTypeName() + "]";
    }
}
