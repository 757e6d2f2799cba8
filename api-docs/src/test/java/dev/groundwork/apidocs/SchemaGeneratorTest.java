package dev.groundwork.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Schemas from the application's mapper, checked two ways: their exact shape, and the round trip that catches what
 * structural checks miss (objects the same mapper writes validate against the schemas, with format assertions, and
 * against a strict copy that refuses unknown properties; broken objects do not).
 */
// The models here are unannotated on purpose (nulls are part of what is tested), in a package the module marks.
@org.jspecify.annotations.NullUnmarked
class SchemaGeneratorTest {

    enum Role {
        ADMIN,
        MEMBER;

        @JsonValue
        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Address(
            String street,
            @JsonInclude(JsonInclude.Include.NON_NULL) String zip) {}

    record User(
            UUID id,
            @JsonProperty("e_mail") String email,
            int age,
            Optional<String> nickname,
            Instant created,
            Duration timeout,
            Role role,
            Map<String, Integer> scores,
            List<Address> addresses,
            @JsonIgnore String secret,
            LocalDate birthday,
            URI homepage,
            BigDecimal balance,
            long visits,
            boolean active,
            Set<String> tags) {}

    record Page<T>(
            List<T> items,
            @JsonInclude(JsonInclude.Include.NON_NULL) String next) {}

    record Node(String name, List<Node> children) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Snake(String firstName, int itemCount) {}

    record Name(String first, String last) {}

    record Profile(@JsonUnwrapped(prefix = "name_") Name name, int age) {}

    /** A JavaBean: getters decide the properties. */
    static final class Bean {
        private final String title = "t";
        private final int count = 3;

        public String getTitle() {
            return title;
        }

        public int getCount() {
            return count;
        }

        public boolean isVisible() {
            return true;
        }
    }

    record Money(@JsonValue String text) {}

    record Priced(Money price, Optional<Money> discount) {}

    static final class First {
        record Item(String a) {}
    }

    static final class Second {
        record Item(int b) {}
    }

    record Cart(First.Item first, Second.Item second) {}

    interface Untyped {}

    record Sketch(Untyped shape) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Circle.class, name = "circle"),
        @JsonSubTypes.Type(value = Square.class, name = "square")
    })
    sealed interface Shape permits Circle, Square {}

    record Circle(double radius) implements Shape {}

    record Square(double side) implements Shape {}

    /** Sealed, no @JsonSubTypes: the permitted subclasses, with Jackson's default ids and @JsonTypeName. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    sealed interface Event permits Created, Deleted {}

    record Created(String by) implements Event {}

    @JsonTypeName("gone")
    record Deleted(Instant at) implements Event {}

    record Drawing(List<Shape> shapes, Event last) {}

    record Signup(
            @NotBlank @Size(max = 40) String name,
            @Email String email,
            @Min(18) @Max(130) int age,
            @Size(min = 1, max = 5) List<String> tags,
            @Pattern(regexp = "^[A-Z]{2}$") String country,
            @DecimalMin(value = "0", inclusive = false) BigDecimal amount,
            @PositiveOrZero long credits) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    interface ByClass {}

    record ByClassImpl(int a) implements ByClass {}

    record HoldsByClass(ByClass value) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    @JsonSubTypes(@JsonSubTypes.Type(Wrapped.class))
    interface WrapperTyped {}

    record Wrapped(int a) implements WrapperTyped {}

    record HoldsWrapper(WrapperTyped value) {}

    /** Written by its {@code @JsonValue}, read by its {@code @JsonCreator}: the codes, both ways. */
    enum Currency {
        EURO("EUR"),
        POUND("GBP");

        private final String code;

        Currency(String code) {
            this.code = code;
        }

        @JsonValue
        String code() {
            return code;
        }

        @JsonCreator
        static Currency of(String code) {
            for (Currency currency : values()) {
                if (currency.code.equals(code)) {
                    return currency;
                }
            }
            throw new IllegalArgumentException("no currency " + code);
        }
    }

    /** Numbers on the wire. */
    enum Level {
        LOW(1),
        HIGH(5);

        private final int number;

        Level(int number) {
            this.number = number;
        }

        @JsonValue
        int number() {
            return number;
        }

        @JsonCreator
        static Level of(int number) {
            return number == 1 ? LOW : HIGH;
        }
    }

    record Account(Currency currency, Level level) {}

    /** JSpecify: in null-marked code only {@code @Nullable} properties may be null. */
    @NullMarked
    record Marked(String name, @Nullable String nickname, List<String> tags, Optional<String> note, int count) {}

    @NullMarked
    static final class MarkedScope {
        @NullUnmarked
        record Unmarked(String name) {}

        record Inherits(String name) {}
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    private static User user() {
        return new User(
                UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
                "ada@example.com",
                36,
                Optional.of("ada"),
                Instant.parse("2026-11-28T10:15:30.123Z"),
                Duration.ofMinutes(90),
                Role.ADMIN,
                Map.of("chess", 1900),
                List.of(new Address("1 Main St", null), new Address("2 High St", "12345")),
                "hidden",
                LocalDate.of(1990, 12, 10),
                URI.create("/users/ada"),
                new BigDecimal("12.50"),
                7L,
                true,
                Set.of("a"));
    }

    private static User userOfNulls() {
        return new User(
                null, null, 0, Optional.empty(), null, null, null, null, null, null, null, null, null, 0, false, null);
    }

    @Test
    void aRecordIsDescribedAsTheMapperWritesIt() {
        Schemas schemas = SchemaGenerator.of(MAPPER).schemas();
        assertThat(schemas.schemaFor(User.class).toString()).isEqualTo("{\"$ref\":\"#/components/schemas/User\"}");
        JsonNode user = schemas.components().get("User");
        JsonNode properties = user.get("properties");

        assertThat(properties.has("secret")).as("@JsonIgnore").isFalse();
        assertThat(properties.get("e_mail").toString()).isEqualTo("{\"type\":[\"string\",\"null\"]}");
        assertThat(properties.get("age").toString()).isEqualTo("{\"type\":\"integer\",\"format\":\"int32\"}");
        assertThat(properties.get("visits").toString()).isEqualTo("{\"type\":\"integer\",\"format\":\"int64\"}");
        assertThat(properties.get("nickname").toString()).isEqualTo("{\"type\":[\"string\",\"null\"]}");
        assertThat(properties.get("id").toString()).isEqualTo("{\"type\":[\"string\",\"null\"],\"format\":\"uuid\"}");
        assertThat(properties.get("created").toString())
                .isEqualTo("{\"type\":[\"string\",\"null\"],\"format\":\"date-time\"}");
        assertThat(properties.get("timeout").toString())
                .isEqualTo("{\"type\":[\"string\",\"null\"],\"format\":\"duration\"}");
        assertThat(properties.get("homepage").toString())
                .isEqualTo("{\"type\":[\"string\",\"null\"],\"format\":\"uri-reference\"}");
        assertThat(properties.get("role").toString())
                .isEqualTo("{\"anyOf\":[{\"$ref\":\"#/components/schemas/Role\"},{\"type\":\"null\"}]}");
        assertThat(properties.get("scores").toString())
                .isEqualTo("{\"type\":[\"object\",\"null\"],\"additionalProperties\":{\"type\":\"integer\","
                        + "\"format\":\"int32\"}}");
        assertThat(properties.get("tags").get("uniqueItems").asBoolean()).isTrue();
        assertThat(user.get("required")).hasSize(properties.size());
        assertThat(schemas.components().get("Role").toString())
                .isEqualTo("{\"type\":\"string\",\"enum\":[\"admin\",\"member\"]}");

        JsonNode address = schemas.components().get("Address");
        assertThat(address.get("properties").get("zip").toString())
                .as("NON_NULL: absent rather than null")
                .isEqualTo("{\"type\":\"string\"}");
        assertThat(address.get("required").toString()).isEqualTo("[\"street\"]");
    }

    @Test
    void namesAreReadableStableAndNeverMergedSilently() {
        Schemas schemas = SchemaGenerator.of(MAPPER).schemas();
        assertThat(schemas.schemaFor(new TypeRef<Page<User>>() {}).toString())
                .isEqualTo("{\"$ref\":\"#/components/schemas/PageOfUser\"}");
        assertThat(schemas.schemaFor(new TypeRef<Page<Address>>() {}).toString())
                .isEqualTo("{\"$ref\":\"#/components/schemas/PageOfAddress\"}");
        assertThat(schemas.schemaFor(new TypeRef<Page<List<Node>>>() {}).toString())
                .isEqualTo("{\"$ref\":\"#/components/schemas/PageOfListOfNode\"}");
        assertThat(schemas.components()
                        .get("PageOfUser")
                        .get("properties")
                        .get("items")
                        .get("items")
                        .toString())
                .isEqualTo("{\"$ref\":\"#/components/schemas/User\"}");
        assertThat(schemas.components()
                        .get("Node")
                        .get("properties")
                        .get("children")
                        .toString())
                .as("recursion through a $ref")
                .isEqualTo("{\"type\":[\"array\",\"null\"],\"items\":{\"$ref\":\"#/components/schemas/Node\"}}");

        assertThatThrownBy(() -> schemas.schemaFor(Cart.class))
                .isInstanceOf(ApiDocsException.class)
                .hasMessageContaining("\"Item\"")
                .hasMessageContaining("First$Item")
                .hasMessageContaining("Second$Item")
                .satisfies(e ->
                        assertThat(((ApiDocsException) e).reason()).isEqualTo(ApiDocsException.Reason.NAME_COLLISION));
        assertThat(schemas.components().has("Cart"))
                .as("a failed type leaves no component behind")
                .isFalse();
    }

    @Test
    void jacksonAnnotationsAndBeansDecideTheProperties() {
        Schemas schemas = SchemaGenerator.of(MAPPER).schemas();
        schemas.schemaFor(Snake.class);
        schemas.schemaFor(Profile.class);
        schemas.schemaFor(Bean.class);
        schemas.schemaFor(Priced.class);
        ObjectNode components = schemas.components();

        assertThat(components.get("Snake").get("properties").fieldNames())
                .toIterable()
                .containsExactly("first_name", "item_count");
        assertThat(components.get("Profile").get("properties").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("name_first", "name_last", "age");
        assertThat(components.has("Name"))
                .as("unwrapped: no component of its own")
                .isFalse();
        assertThat(components.get("Bean").get("properties").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("title", "count", "visible");
        assertThat(components.get("Money").toString()).as("@JsonValue").isEqualTo("{\"type\":\"string\"}");
    }

    @Test
    void polymorphicTypesAreOneOfWithTheIdsTheMapperWrites() {
        Schemas schemas = SchemaGenerator.of(MAPPER).schemas();
        schemas.schemaFor(Drawing.class);
        ObjectNode components = schemas.components();
        assertThat(components.get("Shape").toString())
                .isEqualTo(
                        "{\"oneOf\":[{\"$ref\":\"#/components/schemas/Circle\"},{\"$ref\":\"#/components/schemas/Square\"}],"
                                + "\"discriminator\":{\"propertyName\":\"kind\",\"mapping\":{\"circle\":\"#/components/schemas/Circle\","
                                + "\"square\":\"#/components/schemas/Square\"}}}");
        assertThat(components.get("Circle").get("properties").get("kind").toString())
                .isEqualTo("{\"const\":\"circle\"}");
        JsonNode eventMapping = components.get("Event").get("discriminator").get("mapping");
        // Every id the mapper writes is in the mapping.
        for (Event event : List.of(new Created("ada"), new Deleted(Instant.EPOCH))) {
            String id = MAPPER.valueToTree(event).get("@type").asText();
            assertThat(eventMapping.has(id)).as(id).isTrue();
        }
        // Jackson's default id of a nested class keeps its outer name: the mapping says what the mapper writes.
        assertThat(eventMapping.fieldNames()).toIterable().containsExactly("SchemaGeneratorTest$Created", "gone");
    }

    @Test
    void jakartaValidationConstraintsBecomeKeywordsAndBrokenValuesFail() {
        Schemas schemas = SchemaGenerator.of(MAPPER).schemas();
        ObjectNode signupRef = schemas.schemaFor(Signup.class);
        ObjectNode components = schemas.components();
        JsonNode properties = components.get("Signup").get("properties");
        assertThat(properties.get("name").toString())
                .as("@NotBlank: never null, not blank")
                .isEqualTo("{\"type\":\"string\",\"minLength\":1,\"pattern\":\"\\\\S\",\"maxLength\":40}");
        assertThat(properties.get("email").toString())
                .isEqualTo("{\"type\":[\"string\",\"null\"],\"format\":\"email\"}");
        assertThat(properties.get("age").toString())
                .isEqualTo("{\"type\":\"integer\",\"format\":\"int32\",\"minimum\":18,\"maximum\":130}");
        assertThat(properties.get("tags").get("minItems").asInt()).isEqualTo(1);
        assertThat(properties.get("tags").get("maxItems").asInt()).isEqualTo(5);
        assertThat(properties.get("amount").get("exclusiveMinimum").asInt()).isZero();
        assertThat(properties.get("credits").get("minimum").asInt()).isZero();

        Signup valid = new Signup("Ada", "ada@example.com", 36, List.of("x"), "GB", new BigDecimal("0.01"), 0);
        assertThat(validate(components, signupRef, MAPPER.valueToTree(valid), true))
                .isEmpty();
        List<Signup> broken = List.of(
                new Signup("  ", "ada@example.com", 36, List.of("x"), "GB", BigDecimal.ONE, 0),
                new Signup("x".repeat(41), "ada@example.com", 36, List.of("x"), "GB", BigDecimal.ONE, 0),
                new Signup("Ada", "not an email", 36, List.of("x"), "GB", BigDecimal.ONE, 0),
                new Signup("Ada", "ada@example.com", 17, List.of("x"), "GB", BigDecimal.ONE, 0),
                new Signup("Ada", "ada@example.com", 131, List.of("x"), "GB", BigDecimal.ONE, 0),
                new Signup("Ada", "ada@example.com", 36, List.of(), "GB", BigDecimal.ONE, 0),
                new Signup("Ada", "ada@example.com", 36, List.of("x"), "usa", BigDecimal.ONE, 0),
                new Signup("Ada", "ada@example.com", 36, List.of("x"), "GB", BigDecimal.ZERO, 0),
                new Signup("Ada", "ada@example.com", 36, List.of("x"), "GB", BigDecimal.ONE, -1));
        for (Signup signup : broken) {
            assertThat(validate(components, signupRef, MAPPER.valueToTree(signup), false))
                    .as("%s breaks a constraint", signup)
                    .isNotEmpty();
        }
    }

    @Test
    void whatTheMapperWritesValidatesAgainstTheSchemaAndWhatItCannotDoesNot() {
        assertRoundTrip(MAPPER);
    }

    @Test
    void aMapperThatWritesTimestampsGetsNumbersAndArrays() {
        ObjectMapper timestamps = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .build();
        Schemas schemas = SchemaGenerator.of(timestamps).schemas();
        schemas.schemaFor(User.class);
        JsonNode properties = schemas.components().get("User").get("properties");
        assertThat(properties.get("created").toString()).isEqualTo("{\"type\":[\"number\",\"null\"]}");
        assertThat(properties.get("birthday").get("minItems").asInt()).isEqualTo(3);
        assertRoundTrip(timestamps);
    }

    @Test
    @SuppressWarnings("rawtypes") // a TypeRef without its type argument is one of the errors
    void whatCannotBeDescribedTruthfullyIsAnErrorNamingTheType() {
        Schemas plain = SchemaGenerator.of(new ObjectMapper()).schemas();
        assertThatThrownBy(() -> plain.schemaFor(Instant.class))
                .isInstanceOf(ApiDocsException.class)
                .hasMessageContaining("JavaTimeModule");
        assertThatThrownBy(() -> plain.schemaFor(new TypeRef<Optional<String>>() {}))
                .isInstanceOf(ApiDocsException.class)
                .hasMessageContaining("Jdk8Module");
        assertThatThrownBy(() -> SchemaGenerator.of(MAPPER).schemas().schemaFor(HoldsByClass.class))
                .isInstanceOf(ApiDocsException.class)
                .hasMessageContaining("HoldsByClass.value")
                .hasMessageContaining("Id.NAME");
        assertThatThrownBy(() -> SchemaGenerator.of(MAPPER).schemas().schemaFor(HoldsWrapper.class))
                .isInstanceOf(ApiDocsException.class)
                .hasMessageContaining("WRAPPER_OBJECT");
        assertThatThrownBy(() -> SchemaGenerator.of(MAPPER).schemas().schemaFor(Sketch.class))
                .isInstanceOf(ApiDocsException.class)
                .hasMessageContaining("Sketch.shape")
                .hasMessageContaining("Untyped")
                .satisfies(e -> assertThat(((ApiDocsException) e).reason())
                        .isEqualTo(ApiDocsException.Reason.UNSUPPORTED_TYPE));
        assertThatThrownBy(() -> SchemaGenerator.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TypeRef() {}).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void creatorEnumsAreTheValuesTheMapperWritesAndReadsBack() throws Exception {
        Schemas schemas = SchemaGenerator.of(MAPPER).schemas();
        schemas.schemaFor(Account.class);
        ObjectNode components = schemas.components();
        assertThat(components.get("Currency").toString()).isEqualTo("{\"type\":\"string\",\"enum\":[\"EUR\",\"GBP\"]}");
        assertThat(components.get("Level").toString()).isEqualTo("{\"type\":\"integer\",\"enum\":[1,5]}");
        Set<Object> read = new java.util.HashSet<>();
        for (String name : List.of("Currency", "Level")) {
            for (JsonNode value : components.get(name).get("enum")) {
                Class<?> type = name.equals("Currency") ? Currency.class : Level.class;
                read.add(MAPPER.treeToValue(value, type));
            }
        }
        assertThat(read)
                .as("every listed value reads back, and every constant is listed")
                .containsExactlyInAnyOrder(Currency.EURO, Currency.POUND, Level.LOW, Level.HIGH);
        JsonNode account = MAPPER.valueToTree(new Account(Currency.POUND, Level.HIGH));
        assertThat(validate(components, schemas.schemaFor(Account.class), account, true))
                .isEmpty();
        ((ObjectNode) account).put("currency", "POUND");
        assertThat(validate(components, schemas.schemaFor(Account.class), account, true))
                .as("the constant's name is not what the mapper writes")
                .isNotEmpty();
    }

    @Test
    void nullMarkedCodeIsNonNullUnlessNullable() {
        Schemas schemas = SchemaGenerator.of(MAPPER).schemas();
        schemas.schemaFor(Marked.class);
        schemas.schemaFor(MarkedScope.Unmarked.class);
        schemas.schemaFor(MarkedScope.Inherits.class);
        ObjectNode components = schemas.components();
        JsonNode marked = components.get("Marked").get("properties");
        assertThat(marked.get("name").toString()).isEqualTo("{\"type\":\"string\"}");
        assertThat(marked.get("nickname").toString()).isEqualTo("{\"type\":[\"string\",\"null\"]}");
        assertThat(marked.get("tags").get("type").asText()).isEqualTo("array");
        assertThat(marked.get("note").toString())
                .as("Optional stays nullable: empty is written as null")
                .isEqualTo("{\"type\":[\"string\",\"null\"]}");
        assertThat(components.get("Unmarked").at("/properties/name/type").toString())
                .as("@NullUnmarked nearer than @NullMarked")
                .isEqualTo("[\"string\",\"null\"]");
        assertThat(components.get("Inherits").at("/properties/name/type").asText())
                .as("the enclosing class's @NullMarked")
                .isEqualTo("string");
        JsonNode written = MAPPER.valueToTree(new Marked("ada", null, List.of("x"), Optional.empty(), 1));
        assertThat(validate(components, schemas.schemaFor(Marked.class), written, true))
                .isEmpty();
        ((ObjectNode) written).putNull("name");
        assertThat(validate(components, schemas.schemaFor(Marked.class), written, true))
                .isNotEmpty();
    }

    @Test
    void theSameTypesInAnyOrderGiveTheSameBytes() {
        Schemas one = SchemaGenerator.of(MAPPER).schemas();
        one.schemaFor(User.class);
        one.schemaFor(new TypeRef<Page<User>>() {});
        one.schemaFor(Node.class);
        Schemas two = SchemaGenerator.of(MAPPER).schemas();
        two.schemaFor(Node.class);
        two.schemaFor(new TypeRef<Page<User>>() {});
        two.schemaFor(User.class);
        assertThat(two.components().toString()).isEqualTo(one.components().toString());
        assertThat(one.components().fieldNames())
                .toIterable()
                .containsExactly("Address", "Node", "PageOfUser", "Role", "User");
    }

    private static void assertRoundTrip(ObjectMapper mapper) {
        Schemas schemas = SchemaGenerator.of(mapper).schemas();
        Map<Object, ObjectNode> samples = new java.util.LinkedHashMap<>();
        samples.put(user(), schemas.schemaFor(User.class));
        samples.put(userOfNulls(), schemas.schemaFor(User.class));
        samples.put(new Page<>(List.of(user()), null), schemas.schemaFor(new TypeRef<Page<User>>() {}));
        samples.put(new Page<>(List.of(), "cursor"), schemas.schemaFor(new TypeRef<Page<User>>() {}));
        samples.put(
                new Node("root", List.of(new Node("leaf", List.of()), new Node("null children", null))),
                schemas.schemaFor(Node.class));
        samples.put(new Snake("Ada", 2), schemas.schemaFor(Snake.class));
        samples.put(new Profile(new Name("Ada", "Lovelace"), 36), schemas.schemaFor(Profile.class));
        samples.put(new Profile(null, 36), schemas.schemaFor(Profile.class));
        samples.put(new Bean(), schemas.schemaFor(Bean.class));
        samples.put(new Priced(new Money("12 EUR"), Optional.empty()), schemas.schemaFor(Priced.class));
        samples.put(
                new Drawing(
                        List.of(new Circle(1.5), new Square(2)), new Deleted(Instant.parse("2026-11-28T10:00:00Z"))),
                schemas.schemaFor(Drawing.class));
        samples.put(new Drawing(List.of(), new Created("ada")), schemas.schemaFor(Drawing.class));
        ObjectNode components = schemas.components();
        for (Map.Entry<Object, ObjectNode> sample : samples.entrySet()) {
            JsonNode written = mapper.valueToTree(sample.getKey());
            assertThat(validate(components, sample.getValue(), written, false))
                    .as("%s against %s", written, sample.getValue())
                    .isEmpty();
            assertThat(validate(components, sample.getValue(), written, true))
                    .as("strict: %s", written)
                    .isEmpty();
        }
        // Broken objects must not validate: a wrong type, a missing required property, an unknown property
        // (strict), a value outside an enum, a malformed format.
        ObjectNode wrongType = mapper.valueToTree(user());
        wrongType.put("age", "thirty-six");
        ObjectNode missing = mapper.valueToTree(user());
        missing.remove("e_mail");
        ObjectNode unknown = mapper.valueToTree(user());
        unknown.put("surprise", 1);
        ObjectNode badEnum = mapper.valueToTree(user());
        badEnum.put("role", "ADMIN");
        ObjectNode badUuid = mapper.valueToTree(user());
        badUuid.put("id", "not-a-uuid");
        ObjectNode userRef = schemas.schemaFor(User.class);
        ObjectNode wrongId = mapper.valueToTree(new Drawing(List.of(new Circle(1)), new Created("ada")));
        ((ObjectNode) wrongId.get("shapes").get(0)).put("kind", "square");
        assertThat(validate(components, schemas.schemaFor(Drawing.class), wrongId, false))
                .as("a circle's properties under the square's id")
                .isNotEmpty();
        assertThat(validate(components, userRef, wrongType, false)).isNotEmpty();
        assertThat(validate(components, userRef, missing, false)).isNotEmpty();
        assertThat(validate(components, userRef, unknown, false)).isEmpty();
        assertThat(validate(components, userRef, unknown, true)).isNotEmpty();
        assertThat(validate(components, userRef, badEnum, false)).isNotEmpty();
        assertThat(validate(components, userRef, badUuid, false)).isNotEmpty();
    }

    /** Validates with networknt's JSON Schema 2020-12 validator, format assertions on. */
    static Set<ValidationMessage> validate(
            ObjectNode components, ObjectNode schema, JsonNode instance, boolean strict) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        document.setAll(schema.deepCopy());
        ObjectNode copied = components.deepCopy();
        if (strict) {
            copied.forEach(component -> {
                if (component.has("properties")) {
                    ((ObjectNode) component).put("unevaluatedProperties", false);
                }
            });
        }
        document.putObject("components").set("schemas", copied);
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(
                        document,
                        SchemaValidatorsConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build());
        return validator.validate(instance);
    }
}
