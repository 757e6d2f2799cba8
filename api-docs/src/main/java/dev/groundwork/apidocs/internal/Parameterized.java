package dev.groundwork.apidocs.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** A parameterised type made at run time, such as {@code CursorPageBody<Order>}; equal to the JDK's own. */
public final class Parameterized implements ParameterizedType {
    private final Class<?> raw;
    private final Type[] arguments;

    /**
     * The type {@code raw<arguments>}.
     *
     * @param raw a generic top-level class
     * @param arguments as many type arguments as it declares
     * @throws IllegalArgumentException when the count does not match
     */
    public Parameterized(Class<?> raw, Type... arguments) {
        if (raw.getTypeParameters().length != arguments.length) {
            throw new IllegalArgumentException(raw.getName() + " takes " + raw.getTypeParameters().length
                    + " type arguments, not " + arguments.length);
        }
        this.raw = raw;
        this.arguments = arguments.clone();
    }

    @Override
    public Type[] getActualTypeArguments() {
        return arguments.clone();
    }

    @Override
    public Type getRawType() {
        return raw;
    }

    @Override
    public @Nullable Type getOwnerType() {
        return raw.getDeclaringClass();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ParameterizedType that
                && raw.equals(that.getRawType())
                && Objects.equals(getOwnerType(), that.getOwnerType())
                && Arrays.equals(arguments, that.getActualTypeArguments());
    }

    @Override
    public int hashCode() {
        // The JDK's ParameterizedTypeImpl hashes this way, so both kinds meet in one hash map.
        return Arrays.hashCode(arguments) ^ Objects.hashCode(getOwnerType()) ^ raw.hashCode();
    }

    @Override
    public String getTypeName() {
        return raw.getTypeName()
                + Arrays.stream(arguments).map(Type::getTypeName).collect(Collectors.joining(", ", "<", ">"));
    }

    @Override
    public String toString() {
        return getTypeName();
    }
}
