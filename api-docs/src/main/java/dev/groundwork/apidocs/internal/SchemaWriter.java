package dev.groundwork.apidocs.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.TypeBindings;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;
import com.fasterxml.jackson.databind.util.LookupCache;
import com.fasterxml.jackson.databind.util.NameTransformer;
import dev.groundwork.apidocs.ApiDocsException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Writes the JSON Schema 2020-12 of Java types as one {@link ObjectMapper} serialises them, memoising one named
 * component per object or enum type. One instance per document; not thread-safe.
 */
public final class SchemaWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String REF_PREFIX = "#/components/schemas/";
    private static final int TYPE_CACHE_SIZE = 20_000;

    private final ObjectMapper mapper;
    private final SerializationConfig config;
    private final TypeFactory types;
    private final boolean javaTime;
    private final boolean jdk8;
    private final Map<String, ObjectNode> components = new TreeMap<>();
    private final Map<JavaType, String> names = new HashMap<>();
    private final Map<String, JavaType> owners = new HashMap<>();
    private final Map<Class<?>, Boolean> nullMarked = new HashMap<>();

    /**
     * A writer for one document.
     *
     * @param mapper the application's mapper
     */
    public SchemaWriter(ObjectMapper mapper) {
        this.mapper = mapper;
        // The mapper's type factory keeps 200 types; a document of more would evict and resolve them again and
        // again. One factory per document, with room for all its types, is dropped with the document.
        LookupCache<Object, JavaType> cache = new LRUMap<>(64, TYPE_CACHE_SIZE);
        this.types = mapper.getTypeFactory().withCache(cache);
        this.config = mapper.getSerializationConfig().with(types);
        Set<Object> modules = mapper.getRegisteredModuleIds();
        this.javaTime = modules.stream().anyMatch(id -> id.toString().contains("jsr310"));
        this.jdk8 = modules.stream().anyMatch(id -> id.toString().contains("jdk8"));
    }

    /**
     * The schema of a type.
     *
     * @param type the type
     * @return a new schema node
     */
    public ObjectNode schema(Type type) {
        return schema(types.constructType(type), type.getTypeName());
    }

    /**
     * Defines a named component that no Java type describes (problem details, for one), once.
     *
     * @param name the component's name
     * @param schema its schema
     * @return a reference to it
     * @throws ApiDocsException when a type already has that name
     */
    public ObjectNode define(String name, ObjectNode schema) {
        ObjectNode existing = components.get(name);
        if (existing == null) {
            if (owners.containsKey(name)) {
                throw new ApiDocsException(
                        ApiDocsException.Reason.NAME_COLLISION,
                        "schema \"" + name + "\" is both " + owners.get(name).toCanonical()
                                + " and a component this module defines; rename the type");
            }
            components.put(name, schema.deepCopy());
        } else if (!existing.equals(schema)) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.NAME_COLLISION, "schema \"" + name + "\" is defined twice");
        }
        return NODES.objectNode().put("$ref", REF_PREFIX + name);
    }

    /**
     * The named schemas so far, sorted by name.
     *
     * @return a new node
     */
    public ObjectNode components() {
        return components(true);
    }

    /**
     * The named schemas so far, sorted by name, copied or shared. A shared component is never changed by this
     * writer afterwards (a component is complete before the call that created it returns), so a caller that does
     * not change it either, such as a document that is immutable once built, can skip the copy.
     *
     * @param copy whether to copy each component
     * @return a new node
     */
    public ObjectNode components(boolean copy) {
        ObjectNode all = NODES.objectNode();
        components.forEach((name, schema) -> all.set(name, copy ? schema.deepCopy() : schema));
        return all;
    }

    private ObjectNode schema(JavaType type, String where) {
        Class<?> raw = type.getRawClass();
        ObjectNode scalar = scalar(type, raw, where);
        if (scalar != null) {
            return scalar;
        }
        if (raw == Optional.class) {
            requireJdk8(where);
            return nullable(schema(type.containedTypeOrUnknown(0), where));
        }
        if (raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class) {
            requireJdk8(where);
            return nullable(raw == OptionalDouble.class ? typed("number", "double") : integer(raw));
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            ObjectNode array = NODES.objectNode().put("type", "array");
            array.set("items", schema(type.getContentType(), where + "[]"));
            if (Set.class.isAssignableFrom(raw)) {
                array.put("uniqueItems", true);
            }
            return array;
        }
        if (type.isMapLikeType()) {
            ObjectNode map = NODES.objectNode().put("type", "object");
            map.set("additionalProperties", schema(type.getContentType(), where + "{}"));
            return map;
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return NODES.objectNode(); // any JSON value
        }
        return reference(type, where);
    }

    /** A schema for the types Jackson writes as one JSON scalar, or null. */
    private @Nullable ObjectNode scalar(JavaType type, Class<?> raw, String where) {
        if (raw == boolean.class || raw == Boolean.class) {
            return typed("boolean", null);
        }
        if (raw == int.class
                || raw == Integer.class
                || raw == short.class
                || raw == Short.class
                || raw == byte.class
                || raw == Byte.class
                || raw == long.class
                || raw == Long.class) {
            return integer(raw);
        }
        if (raw == BigInteger.class) {
            return typed("integer", null);
        }
        if (raw == float.class || raw == Float.class) {
            return typed("number", "float");
        }
        if (raw == double.class || raw == Double.class) {
            return typed("number", "double");
        }
        if (raw == BigDecimal.class) {
            return typed("number", null);
        }
        if (raw == String.class || raw == char.class || raw == Character.class || raw == CharSequence.class) {
            return typed("string", null);
        }
        if (raw == UUID.class) {
            return typed("string", "uuid");
        }
        if (raw == URI.class) {
            return typed("string", "uri-reference");
        }
        if (raw == URL.class) {
            return typed("string", "uri");
        }
        if (raw == byte[].class) {
            return typed("string", null).put("contentEncoding", "base64");
        }
        if (Temporal.class.isAssignableFrom(raw) || raw == Duration.class) {
            return time(raw, where);
        }
        if (raw.isEnum() || (raw.getSuperclass() != null && raw.getSuperclass().isEnum())) {
            return reference(type, where);
        }
        return null;
    }

    /** java.time as the mapper writes it: ISO strings, or numbers and arrays when it writes timestamps. */
    private ObjectNode time(Class<?> raw, String where) {
        if (!javaTime) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.UNSUPPORTED_TYPE,
                    where + ": the mapper cannot write " + raw.getName()
                            + " without jackson-datatype-jsr310's JavaTimeModule; register it");
        }
        boolean timestamps = config.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        if (raw == Duration.class) {
            return config.isEnabled(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                    ? typed("number", null)
                    : typed("string", "duration");
        }
        if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class) {
            return timestamps ? typed("number", null) : typed("string", "date-time");
        }
        if (raw == LocalDate.class) {
            return timestamps ? integers(3, 3) : typed("string", "date");
        }
        if (raw == LocalDateTime.class) {
            return timestamps ? integers(5, 7) : typed("string", null);
        }
        if (raw == LocalTime.class) {
            return timestamps ? integers(2, 4) : typed("string", null);
        }
        throw new ApiDocsException(
                ApiDocsException.Reason.UNSUPPORTED_TYPE, where + ": " + raw.getName() + " is not described yet");
    }

    /** A named component for an object or enum type, written once. */
    private ObjectNode reference(JavaType type, String where) {
        String name = names.get(type);
        if (name == null) {
            name = name(type);
            JavaType owner = owners.putIfAbsent(name, type);
            if (owner == null && components.containsKey(name)) {
                owners.remove(name);
                throw new ApiDocsException(
                        ApiDocsException.Reason.NAME_COLLISION,
                        "schema \"" + name + "\" is both " + type.toCanonical()
                                + " and a component this module defines; rename the type");
            }
            if (owner != null && !owner.equals(type)) {
                throw new ApiDocsException(
                        ApiDocsException.Reason.NAME_COLLISION,
                        "two types would both be schema \"" + name + "\": " + owner.toCanonical() + " and "
                                + type.toCanonical() + "; rename one");
            }
            names.put(type, name);
            ObjectNode component = NODES.objectNode();
            components.put(name, component); // before the properties: a recursive type refers to itself
            try {
                component.setAll(type.isEnumType() ? enumeration(type) : object(type, where));
            } catch (RuntimeException e) {
                components.remove(name);
                names.remove(type);
                owners.remove(name);
                throw e;
            }
        }
        return NODES.objectNode().put("$ref", REF_PREFIX + name);
    }

    /** An enum's values, each written by the mapper itself ({@code @JsonValue}, {@code @JsonProperty}, ...). */
    private ObjectNode enumeration(JavaType type) {
        Class<?> raw = type.getRawClass().isEnum()
                ? type.getRawClass()
                : type.getRawClass().getSuperclass();
        ArrayNode values = NODES.arrayNode();
        Set<String> kinds = new LinkedHashSet<>();
        for (Object constant : raw.getEnumConstants()) {
            JsonNode value = mapper.valueToTree(constant);
            values.add(value);
            kinds.add(value.isIntegralNumber() ? "integer" : value.isNumber() ? "number" : "string");
        }
        ObjectNode schema = NODES.objectNode();
        if (kinds.size() == 1) {
            schema.put("type", kinds.iterator().next());
        }
        schema.set("enum", values);
        return schema;
    }

    /** An object's properties as the mapper introspects them. */
    private ObjectNode object(JavaType type, String where) {
        Class<?> raw = type.getRawClass();
        BeanDescription bean = config.introspect(type);
        AnnotatedMember value = bean.findJsonValueAccessor();
        if (value != null) {
            return schema(value.getType(), raw.getName() + "@JsonValue");
        }
        boolean abstractType = raw.isInterface() || Modifier.isAbstract(raw.getModifiers());
        TypeSerializer typing = typing(type, where);
        if (abstractType) {
            if (typing == null) {
                throw new ApiDocsException(
                        ApiDocsException.Reason.UNSUPPORTED_TYPE,
                        where + ": " + type.toCanonical() + " is abstract and the mapper writes no type id, so no"
                                + " schema can say which shape a value has; add @JsonTypeInfo(use = Id.NAME)");
            }
            return polymorphic(type, typing, where);
        }
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = NODES.objectNode();
        List<String> required = new ArrayList<>();
        if (typing != null) {
            if (!concreteSubtypes(type).isEmpty()) {
                throw new ApiDocsException(
                        ApiDocsException.Reason.UNSUPPORTED_TYPE,
                        where + ": " + type.toCanonical() + " is a concrete class with subtypes; make it abstract"
                                + " or sealed so that every value names one of them");
            }
            if (typing.getTypeInclusion() == JsonTypeInfo.As.PROPERTY) {
                // Jackson writes the type id first, as its own property.
                String id = typing.getTypeIdResolver().idFromValueAndType(null, raw);
                properties.putObject(typing.getPropertyName()).put("const", id);
                required.add(typing.getPropertyName());
            }
        }
        JsonInclude.Value defaults = bean.findPropertyInclusion(config.getDefaultPropertyInclusion(raw));
        addProperties(bean, defaults, NameTransformer.NOP, properties, required, raw.getName());
        schema.set("properties", properties);
        if (!required.isEmpty()) {
            ArrayNode names = schema.putArray("required");
            required.forEach(names::add);
        }
        return schema;
    }

    /** The mapper's type serializer for a type (its {@code @JsonTypeInfo}), checked to be describable. */
    private @Nullable TypeSerializer typing(JavaType type, String where) {
        TypeSerializer typing;
        try {
            typing = mapper.getSerializerFactory().createTypeSerializer(config, type);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.UNSUPPORTED_TYPE,
                    where + ": the mapper cannot type " + type.toCanonical() + ": " + e.getOriginalMessage());
        }
        if (typing == null) {
            return null;
        }
        JsonTypeInfo.Id mechanism = typing.getTypeIdResolver().getMechanism();
        if (mechanism != JsonTypeInfo.Id.NAME) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.UNSUPPORTED_TYPE,
                    where + ": " + type.toCanonical() + " uses @JsonTypeInfo(use = " + mechanism + "); only"
                            + " Id.NAME is described (class names as ids leak the code and break on a rename)");
        }
        JsonTypeInfo.As inclusion = typing.getTypeInclusion();
        if (inclusion != JsonTypeInfo.As.PROPERTY && inclusion != JsonTypeInfo.As.EXISTING_PROPERTY) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.UNSUPPORTED_TYPE,
                    where + ": " + type.toCanonical() + " includes its type id " + inclusion
                            + "; only As.PROPERTY and As.EXISTING_PROPERTY are described");
        }
        return typing;
    }

    /**
     * An abstract type: {@code oneOf} its concrete subtypes, with a discriminator whose mapping holds the ids the
     * mapper really writes.
     */
    private ObjectNode polymorphic(JavaType type, TypeSerializer typing, String where) {
        List<Class<?>> subtypes = concreteSubtypes(type);
        if (subtypes.isEmpty()) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.UNSUPPORTED_TYPE,
                    where + ": " + type.toCanonical() + " has no known concrete subtype; list them in"
                            + " @JsonSubTypes or make it sealed");
        }
        TreeMap<String, String> mapping = new TreeMap<>();
        for (Class<?> subtype : subtypes) {
            String id = typing.getTypeIdResolver().idFromValueAndType(null, subtype);
            JavaType specific = types.constructSpecializedType(type, subtype);
            String ref = reference(specific, where).get("$ref").asText();
            String other = mapping.put(id, ref);
            if (other != null && !other.equals(ref)) {
                throw new ApiDocsException(
                        ApiDocsException.Reason.NAME_COLLISION,
                        where + ": type id \"" + id + "\" of " + type.toCanonical() + " names two subtypes");
            }
        }
        ObjectNode schema = NODES.objectNode();
        ArrayNode oneOf = schema.putArray("oneOf");
        mapping.values().stream().distinct().forEach(ref -> oneOf.addObject().put("$ref", ref));
        ObjectNode discriminator = schema.putObject("discriminator").put("propertyName", typing.getPropertyName());
        ObjectNode map = discriminator.putObject("mapping");
        mapping.forEach(map::put);
        return schema;
    }

    /** The concrete subtypes of a type: registered with Jackson ({@code @JsonSubTypes}) and permitted if sealed. */
    private List<Class<?>> concreteSubtypes(JavaType type) {
        Class<?> raw = type.getRawClass();
        Set<Class<?>> found = new java.util.TreeSet<>(java.util.Comparator.comparing(Class::getName));
        Collection<NamedType> registered = config.getSubtypeResolver()
                .collectAndResolveSubtypesByClass(
                        config, config.introspectClassAnnotations(type).getClassInfo());
        for (NamedType named : registered) {
            found.add(named.getType());
        }
        List<Class<?>> sealed = new ArrayList<>(List.of(raw));
        while (!sealed.isEmpty()) {
            Class<?> next = sealed.remove(sealed.size() - 1);
            Class<?>[] permitted = next.getPermittedSubclasses();
            if (permitted != null) {
                for (Class<?> subclass : permitted) {
                    if (found.add(subclass)) {
                        sealed.add(subclass);
                    }
                }
            }
        }
        List<Class<?>> concrete = new ArrayList<>();
        for (Class<?> candidate : found) {
            if (candidate != raw
                    && raw.isAssignableFrom(candidate)
                    && !candidate.isInterface()
                    && !Modifier.isAbstract(candidate.getModifiers())) {
                concrete.add(candidate);
            }
        }
        return concrete;
    }

    private void addProperties(
            BeanDescription bean,
            JsonInclude.Value defaults,
            NameTransformer rename,
            ObjectNode properties,
            List<String> required,
            String owner) {
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (!property.couldSerialize()) {
                continue;
            }
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null) {
                continue;
            }
            // The accessor's generic type is read once, for Jackson's type and the type-use annotations both.
            java.lang.reflect.AnnotatedType accessorType = accessorType(accessor);
            JavaType propertyType = accessorType != null
                    ? memberType(bean.getType(), accessor, accessorType.getType())
                    : accessor.getType();
            NameTransformer unwrap = config.getAnnotationIntrospector().findUnwrappingNameTransformer(accessor);
            if (unwrap != null) {
                BeanDescription inner = config.introspect(propertyType);
                JsonInclude.Value innerDefaults =
                        inner.findPropertyInclusion(config.getDefaultPropertyInclusion(propertyType.getRawClass()));
                // Unwrapped properties may all be absent when the value is null: none is required.
                addProperties(
                        inner,
                        innerDefaults,
                        NameTransformer.chainedTransformer(rename, unwrap),
                        properties,
                        new ArrayList<>(),
                        owner);
                continue;
            }
            String name = rename.transform(property.getName());
            String where = owner + "." + property.getName();
            boolean primitive = propertyType.isPrimitive();
            boolean optional = propertyType.getRawClass() == Optional.class
                    || propertyType.getRawClass() == OptionalInt.class
                    || propertyType.getRawClass() == OptionalLong.class
                    || propertyType.getRawClass() == OptionalDouble.class;
            List<Annotation> annotations = annotations(
                    property, accessor, accessorType, bean.getBeanClass().isRecord());
            boolean nonNull = primitive
                    || (!optional
                            && (declaredNonNull(annotations)
                                    || (nullMarked(bean.getBeanClass()) && !declaredNullable(annotations))));
            JsonInclude.Include inclusion =
                    defaults.withOverrides(property.findInclusion()).getValueInclusion();
            ObjectNode schema = schema(propertyType, where);
            boolean alwaysWritten = inclusion == JsonInclude.Include.ALWAYS
                    || inclusion == JsonInclude.Include.USE_DEFAULTS
                    || ((inclusion == JsonInclude.Include.NON_NULL) && nonNull);
            boolean absentWhenNull = inclusion == JsonInclude.Include.NON_NULL
                    || inclusion == JsonInclude.Include.NON_ABSENT
                    || inclusion == JsonInclude.Include.NON_EMPTY
                    || inclusion == JsonInclude.Include.NON_DEFAULT
                    || inclusion == JsonInclude.Include.CUSTOM;
            if (optional) {
                // Optional's schema is already nullable; absent-when-empty inclusions drop the null.
                if (absentWhenNull) {
                    schema = nonNullable(schema);
                }
            } else if (!nonNull && !absentWhenNull) {
                schema = nullable(schema);
            }
            constrain(schema, annotations);
            properties.set(name, schema);
            if (alwaysWritten && !(optional && absentWhenNull)) {
                required.add(name);
            }
        }
    }

    /** Whether a property is declared nullable: {@code @Nullable} of JSpecify or another nullness library. */
    private static boolean declaredNullable(List<Annotation> annotations) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getSimpleName().equals("Nullable")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a class is in JSpecify's null-marked code: its nearest {@code @NullMarked} or {@code @NullUnmarked}
     * (on the class, an enclosing class, the package or the module) is {@code @NullMarked}. There, a property not
     * declared {@code @Nullable} is never null. Read by name, as the constraints are.
     */
    private boolean nullMarked(Class<?> type) {
        Boolean known = nullMarked.get(type);
        if (known == null) {
            known = nullMarkedScope(type);
            nullMarked.put(type, known);
        }
        return known;
    }

    private static boolean nullMarkedScope(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            Boolean marked = marking(c);
            if (marked != null) {
                return marked;
            }
        }
        Boolean marked = type.getPackage() == null ? null : marking(type.getPackage());
        if (marked != null) {
            return marked;
        }
        marked = marking(type.getModule());
        return marked != null && marked;
    }

    private static @Nullable Boolean marking(AnnotatedElement element) {
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            String type = annotation.annotationType().getName();
            if (type.equals("org.jspecify.annotations.NullMarked")) {
                return true;
            }
            if (type.equals("org.jspecify.annotations.NullUnmarked")) {
                return false;
            }
        }
        return null;
    }

    /**
     * Whether a property is declared never null: {@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty} (Jakarta
     * Validation), {@code @NonNull} (JSpecify and others), {@code @Nonnull}.
     */
    private static boolean declaredNonNull(List<Annotation> annotations) {
        for (Annotation annotation : annotations) {
            String simple = annotation.annotationType().getSimpleName();
            if (simple.equals("NotNull")
                    || simple.equals("NonNull")
                    || simple.equals("Nonnull")
                    || (isConstraint(annotation) && (simple.equals("NotBlank") || simple.equals("NotEmpty")))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The generic type of the member Jackson writes a property through, with its type-use annotations (JSpecify's
     * {@code @NonNull} is one); null when that member is neither a field nor a getter.
     */
    private static java.lang.reflect.@Nullable AnnotatedType accessorType(AnnotatedMember accessor) {
        AnnotatedElement element = accessor.getAnnotated();
        if (element instanceof Method method) {
            return method.getAnnotatedReturnType();
        }
        if (element instanceof Field field) {
            return field.getAnnotatedType();
        }
        return null;
    }

    /** A member's generic type as Jackson resolves it: with the type variables its declaring class binds. */
    private JavaType memberType(JavaType beanType, AnnotatedMember member, Type generic) {
        JavaType declaring = beanType.findSuperType(member.getDeclaringClass());
        TypeBindings bindings = declaring != null ? declaring.getBindings() : beanType.getBindings();
        return types.resolveMemberType(generic, bindings);
    }

    /**
     * The annotations of a property: the declaration annotations of its field, getter and constructor parameter,
     * and the type-use annotations of its accessor's type, and of its field's type when that is another member. A
     * record's components carry the same type-use annotations to its field and accessor, so a record's field is
     * not read again (reading annotated types is the costliest reflection here).
     */
    private static List<Annotation> annotations(
            BeanPropertyDefinition property,
            AnnotatedMember accessor,
            java.lang.reflect.@Nullable AnnotatedType accessorType,
            boolean record) {
        List<Annotation> all = new ArrayList<>();
        for (AnnotatedMember member :
                new AnnotatedMember[] {property.getField(), property.getGetter(), property.getConstructorParameter()}) {
            AnnotatedElement element = member == null ? null : member.getAnnotated();
            if (element != null) {
                all.addAll(List.of(element.getAnnotations()));
            }
        }
        if (accessorType != null) {
            all.addAll(List.of(accessorType.getAnnotations()));
        }
        AnnotatedMember field = property.getField();
        if (!record && field != null && field != accessor && field.getAnnotated() instanceof Field reflected) {
            all.addAll(List.of(reflected.getAnnotatedType().getAnnotations()));
        }
        return all;
    }

    private static boolean isConstraint(Annotation annotation) {
        String type = annotation.annotationType().getName();
        return type.startsWith("jakarta.validation.constraints.") || type.startsWith("javax.validation.constraints.");
    }

    /**
     * Jakarta (or javax) Validation constraints as JSON Schema keywords, read by name so this module needs no
     * dependency on that API. The keywords apply to the value's own type: {@code @Size} is a length for strings, a
     * count for arrays and a property count for maps.
     */
    private static void constrain(ObjectNode schema, List<Annotation> annotations) {
        Set<String> types = types(schema);
        String size = types.contains("string") ? "Length" : types.contains("array") ? "Items" : "Properties";
        for (Annotation annotation : annotations) {
            if (!isConstraint(annotation)) {
                continue;
            }
            switch (annotation.annotationType().getSimpleName()) {
                case "Size" -> {
                    int min = (Integer) attribute(annotation, "min");
                    int max = (Integer) attribute(annotation, "max");
                    if (min > 0) {
                        schema.put("min" + size, min);
                    }
                    if (max < Integer.MAX_VALUE) {
                        schema.put("max" + size, max);
                    }
                }
                case "NotBlank" -> schema.put("minLength", 1).put("pattern", "\\S");
                case "NotEmpty" -> schema.put("min" + size, 1);
                case "Min" -> schema.put("minimum", (Long) attribute(annotation, "value"));
                case "Max" -> schema.put("maximum", (Long) attribute(annotation, "value"));
                case "DecimalMin" ->
                    schema.put(
                            (Boolean) attribute(annotation, "inclusive") ? "minimum" : "exclusiveMinimum",
                            new BigDecimal((String) attribute(annotation, "value")));
                case "DecimalMax" ->
                    schema.put(
                            (Boolean) attribute(annotation, "inclusive") ? "maximum" : "exclusiveMaximum",
                            new BigDecimal((String) attribute(annotation, "value")));
                case "Positive" -> schema.put("exclusiveMinimum", 0);
                case "PositiveOrZero" -> schema.put("minimum", 0);
                case "Negative" -> schema.put("exclusiveMaximum", 0);
                case "NegativeOrZero" -> schema.put("maximum", 0);
                case "Pattern" -> schema.put("pattern", (String) attribute(annotation, "regexp"));
                case "Email" -> schema.put("format", "email");
                default -> {
                    // Other constraints (@Future, @AssertTrue, custom ones) have no faithful JSON Schema keyword.
                }
            }
        }
    }

    private static Set<String> types(ObjectNode schema) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            types.add(type.asText());
        } else if (type != null) {
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    private static Object attribute(Annotation annotation, String name) {
        try {
            return annotation.annotationType().getMethod(name).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("constraint " + annotation + " has no " + name + "()", e);
        }
    }

    /** A readable, stable name: the simple name, and for generics {@code PageOfOrder}, {@code PairOfAAndB}. */
    private static String name(JavaType type) {
        StringBuilder name = new StringBuilder(type.getRawClass().getSimpleName());
        int count = type.containedTypeCount();
        for (int i = 0; i < count; i++) {
            name.append(i == 0 ? "Of" : "And").append(argumentName(type.containedType(i)));
        }
        return name.toString();
    }

    private static String argumentName(JavaType type) {
        if (type.isArrayType() || type.isCollectionLikeType()) {
            return "ListOf" + argumentName(type.getContentType());
        }
        if (type.isMapLikeType()) {
            return "MapOf" + argumentName(type.getContentType());
        }
        return name(type);
    }

    private void requireJdk8(String where) {
        if (!jdk8) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.UNSUPPORTED_TYPE,
                    where + ": the mapper cannot write Optional without jackson-datatype-jdk8's Jdk8Module;"
                            + " register it");
        }
    }

    private static ObjectNode typed(String type, @Nullable String format) {
        ObjectNode schema = NODES.objectNode().put("type", type);
        if (format != null) {
            schema.put("format", format);
        }
        return schema;
    }

    private static ObjectNode integer(Class<?> raw) {
        boolean wide = raw == long.class || raw == Long.class || raw == OptionalLong.class;
        return typed("integer", wide ? "int64" : "int32");
    }

    private static ObjectNode integers(int min, int max) {
        ObjectNode array = NODES.objectNode().put("type", "array");
        array.set("items", typed("integer", null));
        return array.put("minItems", min).put("maxItems", max);
    }

    /** The same schema, also admitting null: a 3.1 type array, or {@code anyOf} with null for a reference. */
    private static ObjectNode nullable(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            ObjectNode copy = schema.deepCopy();
            copy.putArray("type").add(type.asText()).add("null");
            return copy;
        }
        if (type != null && type.isArray()) {
            return schema;
        }
        ObjectNode anyOf = NODES.objectNode();
        anyOf.putArray("anyOf").add(schema).add(NODES.objectNode().put("type", "null"));
        return anyOf;
    }

    /** The inverse of {@link #nullable}. */
    private static ObjectNode nonNullable(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type != null
                && type.isArray()
                && type.size() == 2
                && "null".equals(type.get(1).asText())) {
            ObjectNode copy = schema.deepCopy();
            copy.put("type", type.get(0).asText());
            return copy;
        }
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null && anyOf.size() == 2 && schema.size() == 1) {
            return (ObjectNode) anyOf.get(0).deepCopy();
        }
        return schema;
    }
}
