package dev.groundwork.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import dev.groundwork.apidocs.OpenApi;
import dev.groundwork.apidocs.Operation;
import dev.groundwork.apidocs.SchemaGenerator;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.jboss.jandex.Indexer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One OpenAPI document for 300 model types and 600 operations (per type a {@code GET /tN/{id}} answering it and a
 * {@code POST /tN} taking and answering it), written to JSON bytes, from nothing each time (a new generator, converter
 * or index), as a service does at start-up. Contenders: api-docs; victools' jsonschema-generator with a small
 * operation walker, plain (reflection only, none of Jackson's annotations) and with its Jackson module (the same job
 * api-docs does); swagger-core's {@code ModelConverters} with its {@code Json31} writer; SmallRye OpenAPI scanning
 * JAX-RS resources that declare the same operations, over a Jandex index built in the invocation. The 300 records
 * are generated and compiled in memory at setup: ten properties each (strings, numbers, {@code Instant},
 * {@code UUID}, {@code Optional}, an enum, a map, a list of and a reference to earlier types).
 *
 * <p>Warm: {@code java -jar benchmarks/target/benchmarks.jar OpenApiBenchmark}; cold (the first document in a
 * fresh JVM): {@code ... OpenApiBenchmark -bm ss -wi 0 -i 1 -f 5 -tu ms}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OpenApiBenchmark {

    private static final int TYPES = 300;

    private final List<Class<?>> types = new ArrayList<>();
    private final List<byte[]> classFiles = new ArrayList<>();
    private ObjectMapper mapper;

    @Setup
    public void setUp() throws Exception {
        mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        Path sources = Files.createTempDirectory("openapi-corpus");
        Path corpus = Files.createDirectories(sources.resolve("corpus"));
        Files.writeString(corpus.resolve("Status.java"), "package corpus;\npublic enum Status { NEW, OPEN, DONE }\n");
        Random random = new Random(42);
        List<String> files = new ArrayList<>();
        files.add(corpus.resolve("Status.java").toString());
        for (int i = 0; i < TYPES; i++) {
            String earlier = i == 0 ? "String" : "T" + random.nextInt(i);
            String other = i == 0 ? "String" : "T" + random.nextInt(i);
            String source = "package corpus;\n"
                    + "public record T" + i + "(String name, int count, long total, java.time.Instant at, "
                    + "java.util.UUID id, java.util.Optional<String> note, Status status, "
                    + "java.util.Map<String, Integer> tags, java.util.List<" + earlier + "> children, "
                    + other + " parent) {}\n";
            Path file = corpus.resolve("T" + i + ".java");
            Files.writeString(file, source, StandardCharsets.UTF_8);
            files.add(file.toString());
        }
        for (int i = 0; i < TYPES; i++) {
            // SmallRye documents JAX-RS resources: the same two operations per type, as a resource declares them.
            String source = "package corpus;\n"
                    + "import jakarta.ws.rs.*;\n"
                    + "@Path(\"/\")\n"
                    + "public class R" + i + " {\n"
                    + "  @GET @Path(\"t" + i + "/{id}\") @Produces(\"application/json\")\n"
                    + "  public T" + i + " get" + i + "(@PathParam(\"id\") String id) { return null; }\n"
                    + "  @POST @Path(\"t" + i + "\") @Consumes(\"application/json\") @Produces(\"application/json\")\n"
                    + "  public T" + i + " create" + i + "(T" + i + " body) { return body; }\n"
                    + "}\n";
            Path file = corpus.resolve("R" + i + ".java");
            Files.writeString(file, source, StandardCharsets.UTF_8);
            files.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of(
                "-d", sources.toString(), "--release", "17", "-classpath", System.getProperty("java.class.path")));
        arguments.addAll(files);
        if (compiler.run(null, null, null, arguments.toArray(new String[0])) != 0) {
            throw new IllegalStateException("the corpus did not compile");
        }
        URLClassLoader loader =
                new URLClassLoader(new URL[] {sources.toUri().toURL()}, OpenApiBenchmark.class.getClassLoader());
        for (int i = 0; i < TYPES; i++) {
            types.add(loader.loadClass("corpus.T" + i));
        }
        try (var compiled = Files.list(sources.resolve("corpus"))) {
            for (Path file : compiled.filter(f -> f.toString().endsWith(".class"))
                    .sorted()
                    .toList()) {
                classFiles.add(Files.readAllBytes(file));
            }
        }
    }

    /**
     * Every contender must have produced a document with every type and operation. Checked after measuring, so
     * that a cold run ({@code -bm ss}) measures the very first document of the JVM; a contender that left anything
     * out fails the run.
     */
    @TearDown
    public void check() {
        for (byte[] document : List.of(groundwork(), victools(), victoolsJackson(), swaggerCore(), smallRye())) {
            String text = new String(document, StandardCharsets.UTF_8);
            if (!text.contains("T" + (TYPES - 1)) || !text.contains("/t0/{id}") || !text.contains("create299")) {
                throw new IllegalStateException("a contender left types or operations out");
            }
        }
    }

    @Benchmark
    public byte[] groundwork() {
        OpenApi.Builder builder = OpenApi.builder("Corpus", "1");
        for (int i = 0; i < TYPES; i++) {
            Class<?> type = types.get(i);
            builder.operation(Operation.get("/t" + i + "/{id}")
                    .id("get" + i)
                    .pathParameter("id", String.class, "The id")
                    .response(200, "OK", type));
            builder.operation(
                    Operation.post("/t" + i).id("create" + i).requestBody(type).response(201, "Created", type));
        }
        return builder.build(SchemaGenerator.of(mapper)).toJson();
    }

    /**
     * victools with one schema builder for the whole document, and paths written by hand around it; plain: it reads
     * fields and types by reflection, and none of Jackson's annotations or naming.
     */
    @Benchmark
    public byte[] victools() {
        return victools(new SchemaGeneratorConfigBuilder(mapper, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON));
    }

    /**
     * victools with its Jackson module, its documented way to follow Jackson's annotations ({@code @JsonProperty},
     * {@code @JsonIgnore}, naming, subtypes): the same job api-docs does.
     */
    @Benchmark
    public byte[] victoolsJackson() {
        return victools(new SchemaGeneratorConfigBuilder(mapper, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule()));
    }

    private byte[] victools(SchemaGeneratorConfigBuilder config) {
        SchemaBuilder schemas = new com.github.victools.jsonschema.generator.SchemaGenerator(
                        config.with(com.github.victools.jsonschema.generator.Option.DEFINITIONS_FOR_ALL_OBJECTS)
                                .build())
                .buildMultipleSchemaDefinitions();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode document = nodes.objectNode().put("openapi", "3.1.1");
        document.putObject("info").put("title", "Corpus").put("version", "1");
        ObjectNode paths = document.putObject("paths");
        for (int i = 0; i < TYPES; i++) {
            Class<?> type = types.get(i);
            ObjectNode get =
                    paths.putObject("/t" + i + "/{id}").putObject("get").put("operationId", "get" + i);
            get.putArray("parameters")
                    .addObject()
                    .put("name", "id")
                    .put("in", "path")
                    .put("required", true)
                    .putObject("schema")
                    .put("type", "string");
            get.putObject("responses")
                    .putObject("200")
                    .put("description", "OK")
                    .putObject("content")
                    .putObject("application/json")
                    .set("schema", schemas.createSchemaReference(type));
            ObjectNode post = paths.putObject("/t" + i).putObject("post").put("operationId", "create" + i);
            post.putObject("requestBody")
                    .putObject("content")
                    .putObject("application/json")
                    .set("schema", schemas.createSchemaReference(type));
            post.putObject("responses")
                    .putObject("201")
                    .put("description", "Created")
                    .putObject("content")
                    .putObject("application/json")
                    .set("schema", schemas.createSchemaReference(type));
        }
        document.putObject("components").set("schemas", schemas.collectDefinitions("components/schemas"));
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** swagger-core: its model converters (3.1 mode) per type, its model of the document, its 3.1 writer. */
    @Benchmark
    public byte[] swaggerCore() {
        ModelConverters converters = new ModelConverters(true);
        Map<String, Schema> components = new TreeMap<>();
        Paths paths = new Paths();
        for (int i = 0; i < TYPES; i++) {
            Class<?> type = types.get(i);
            components.putAll(converters.readAll(new AnnotatedType(type)));
            Schema<?> reference = new Schema<>().$ref("#/components/schemas/" + type.getSimpleName());
            paths.addPathItem(
                    "/t" + i + "/{id}",
                    new PathItem()
                            .get(new io.swagger.v3.oas.models.Operation()
                                    .operationId("get" + i)
                                    .addParametersItem(new Parameter()
                                            .name("id")
                                            .in("path")
                                            .required(true)
                                            .schema(new StringSchema()))
                                    .responses(new ApiResponses()
                                            .addApiResponse(
                                                    "200",
                                                    new ApiResponse()
                                                            .description("OK")
                                                            .content(new Content()
                                                                    .addMediaType(
                                                                            "application/json",
                                                                            new MediaType().schema(reference)))))));
            paths.addPathItem(
                    "/t" + i,
                    new PathItem()
                            .post(new io.swagger.v3.oas.models.Operation()
                                    .operationId("create" + i)
                                    .requestBody(new RequestBody()
                                            .content(new Content()
                                                    .addMediaType(
                                                            "application/json", new MediaType().schema(reference))))
                                    .responses(new ApiResponses()
                                            .addApiResponse(
                                                    "201",
                                                    new ApiResponse()
                                                            .description("Created")
                                                            .content(new Content()
                                                                    .addMediaType(
                                                                            "application/json",
                                                                            new MediaType().schema(reference)))))));
        }
        OpenAPI api = new OpenAPI()
                .openapi("3.1.0")
                .info(new Info().title("Corpus").version("1"))
                .paths(paths)
                .components(new io.swagger.v3.oas.models.Components().schemas(components));
        try {
            return Json31.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(api);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SmallRye OpenAPI as Quarkus runs it, minus the build step: a Jandex index of the corpus and its JAX-RS
     * resources (indexed in the invocation), the annotation scan, its JSON writer. Static files, model reader and
     * filters are off, and operation ids come from method names.
     */
    @Benchmark
    public byte[] smallRye() {
        Indexer indexer = new Indexer();
        try {
            for (byte[] classFile : classFiles) {
                indexer.index(new ByteArrayInputStream(classFile));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SmallRyeOpenAPI api = SmallRyeOpenAPI.builder()
                .withConfig(new FixedConfig(Map.of("mp.openapi.extensions.smallrye.operationIdStrategy", "METHOD")))
                .withIndex(indexer.complete())
                .enableModelReader(false)
                .enableStandardStaticFiles(false)
                .enableStandardFilter(false)
                .build();
        return api.toJSON().getBytes(StandardCharsets.UTF_8);
    }

    /** MicroProfile Config over a fixed map: SmallRye reads its settings through that API. */
    private record FixedConfig(Map<String, String> values) implements Config {

        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
        }

        @Override
        public ConfigValue getConfigValue(String name) {
            throw new UnsupportedOperationException(name);
        }

        @Override
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            String value = values.get(name);
            if (value == null) {
                return Optional.empty();
            }
            if (type == String.class) {
                return Optional.of(type.cast(value));
            }
            throw new UnsupportedOperationException(name + " as " + type);
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            return List.of();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new IllegalArgumentException(type.getName());
        }
    }
}
