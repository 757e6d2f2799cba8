package dev.groundwork.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The document and the docs page over real HTTP: the JDK's HttpServer with the Javadoc's adapter, its HttpClient. */
// The models here are unannotated on purpose (nulls are part of what is tested), in a package the module marks.
@org.jspecify.annotations.NullUnmarked
class DocsEndpointTest {

    record Order(long id, String item) {}

    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private OpenApi api;

    @BeforeEach
    void start() throws IOException {
        api = OpenApi.builder("Orders <API>", "1")
                .operation(Operation.get("/orders/{id}")
                        .id("getOrder")
                        .pathParameter("id", UUID.class, "The id")
                        .response(200, "The order", Order.class))
                .build(SchemaGenerator.of(new ObjectMapper()));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // region DocsEndpoint
        DocsEndpoint docs = DocsEndpoint.of(api);
        server.createContext("/docs/", exchange -> {
            String path = exchange.getRequestURI().getPath().substring("/docs/".length());
            DocsEndpoint.Reply reply = docs.handle(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestHeaders().getFirst("If-None-Match"));
            reply.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] body = exchange.getRequestMethod().equals("HEAD") ? new byte[0] : reply.body();
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // endregion
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> request(String method, String path, String ifNoneMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/docs/" + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDocumentWithItsEntityTagAndA304() throws Exception {
        HttpResponse<String> json = request("GET", "openapi.json", null);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(json.body()).isEqualTo(new String(api.toJson(), StandardCharsets.UTF_8));
        String etag = json.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");

        assertThat(request("GET", "openapi.json", etag).statusCode()).isEqualTo(304);
        assertThat(request("GET", "openapi.json", "\"other\", W/" + etag).statusCode())
                .isEqualTo(304);
        assertThat(request("GET", "openapi.json", "\"other\"").statusCode()).isEqualTo(200);
        assertThat(request("HEAD", "openapi.json", null).statusCode()).isEqualTo(200);

        HttpResponse<String> yaml = request("GET", "openapi.yaml", null);
        assertThat(yaml.headers().firstValue("Content-Type")).contains("application/yaml");
        assertThat(yaml.body()).contains("operationId: getOrder");
        assertThat(yaml.headers().firstValue("ETag"))
                .isNotEqualTo(json.headers().firstValue("ETag"));
    }

    @Test
    void theDocsPageAndItsSwaggerUiFiles() throws Exception {
        HttpResponse<String> page = request("GET", "", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page.body())
                .contains("<title>OpenApi[Orders &lt;API&gt;]</title>")
                .contains("swagger-ui/swagger-ui-bundle.js");
        HttpResponse<String> bundle = request("GET", "swagger-ui/swagger-ui-bundle.js", null);
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(request("GET", "docs.js", null).body()).contains("openapi.json");
        assertThat(request("GET", "swagger-ui/swagger-ui.css", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void hostileAndUnknownRequestsGetPlainAnswers() throws Exception {
        for (String path : new String[] {
            "swagger-ui/../../../etc/passwd",
            "swagger-ui/%2e%2e%2fpom.properties",
            "swagger-ui/..",
            "swagger-ui/",
            "swagger-ui/nothing.js",
            "swagger-ui/sub/dir.js",
            "META-INF/maven/org.webjars/swagger-ui/pom.properties",
            "openapi.json/",
            "OPENAPI.JSON",
            "nothing"
        }) {
            assertThat(request("GET", path, null).statusCode()).as(path).isEqualTo(404);
        }
        HttpResponse<String> post = request("POST", "openapi.json", null);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        DocsEndpoint docs = DocsEndpoint.of(api);
        assertThat(docs.handle("GET", "openapi.json", "*").status()).isEqualTo(304);
        assertThat(docs.handle("get", "openapi.json", null).status()).isEqualTo(200);
    }
}
