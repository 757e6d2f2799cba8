package dev.groundwork.examples.conduit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.groundwork.apidocs.DocsEndpoint;
import dev.groundwork.apidocs.OpenApi;
import dev.groundwork.apidocs.SchemaGenerator;
import dev.groundwork.apidocs.SecurityScheme;
import dev.groundwork.auth.BearerAuthenticator;
import dev.groundwork.auth.JwsAlgorithm;
import dev.groundwork.auth.JwtVerifier;
import dev.groundwork.auth.KeyRing;
import dev.groundwork.auth.RevocationList;
import dev.groundwork.auth.SigningKey;
import dev.groundwork.auth.TokenIssuer;
import dev.groundwork.auth.password.PasswordHasher;
import dev.groundwork.examples.conduit.Bodies.Health;
import dev.groundwork.examples.conduit.Route.Access;
import dev.groundwork.examples.conduit.Route.Reply;
import dev.groundwork.persistence.tx.TransactionTemplate;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The RealWorld ("Conduit") backend on Groundwork: the JDK's HTTP server, auth-core's tokens and passwords,
 * persistence-kit's transactions over Hibernate and PostgreSQL, and an OpenAPI document and docs page from api-docs,
 * generated from the same routes the server dispatches on. Run {@link #main}; stop with Ctrl-C (requests in flight
 * finish, the database closes cleanly).
 */
public final class Conduit implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Conduit.class.getName());
    private static final String ISSUER = "conduit";

    private final Database database;
    private final Fleet fleet;
    private final HttpServer server;
    private final ExecutorService workers;
    private final Router router;
    /** Exchanges handed to a worker and not yet answered; also the monitor a stop waits on. */
    private final int[] inFlight = {0};

    private Conduit(Database database, Fleet fleet, HttpServer server, ExecutorService workers, Router router) {
        this.database = database;
        this.fleet = fleet;
        this.server = server;
        this.workers = workers;
        this.router = router;
    }

    /**
     * Starts the service as configured by the environment and runs until the process is stopped.
     *
     * @param args none, or {@code --training-run} (see {@link TrainingRun})
     * @throws Exception when it cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--training-run")) {
            TrainingRun.run(); // for the class archive the build makes; see TrainingRun
            return;
        }
        long started = System.nanoTime();
        Config config = Config.fromEnvironment(System.getenv());
        Conduit conduit = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(conduit::close, "conduit-shutdown"));
        System.out.printf(
                "Conduit is up on http://%s:%d/api (docs: /docs/) in %d ms; data in %s%n",
                config.host(), conduit.port(), (System.nanoTime() - started) / 1_000_000, config.dataDir());
    }

    /**
     * Starts the service.
     *
     * @param config where to listen and where the data lives
     * @return the running service
     * @throws IOException when the port or the data folder cannot be used
     * @throws SQLException when the database cannot be migrated
     */
    public static Conduit start(Config config) throws IOException, SQLException {
        Files.createDirectories(config.dataDir());
        Database database = Database.open(config);
        Json json = new Json();
        Fleet fleet;
        try {
            fleet = Fleet.of(config, json.mapper());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        try {
            // ES256 with a key pair kept in the data folder: tokens survive a restart, and the public key is
            // served at /.well-known/jwks.json for other services.
            Clock clock = Clock.systemUTC();
            KeyRing keys = KeyRing.of(SigningKey.of(JwsAlgorithm.ES256, keyPair(config.dataDir())));
            RevocationList revocations = fleet.revocations(clock);
            TokenIssuer tokens = TokenIssuer.builder(ISSUER, keys)
                    .audience(ISSUER)
                    .accessTokenTtl(Duration.ofHours(1))
                    .refreshTokenTtl(Duration.ofDays(30))
                    .refreshTokens(fleet.refreshTokens(clock))
                    .build();
            JwtVerifier verifier = JwtVerifier.builder()
                    .issuer(ISSUER, keys.verificationKeys())
                    .audience(ISSUER)
                    .algorithms(JwsAlgorithm.ES256)
                    .revocation(revocations)
                    .cacheVerified(10_000) // a repeated token skips the signature; revocation is still checked
                    .build();
            BearerAuthenticator authenticator = BearerAuthenticator.builder(verifier)
                    .realm("conduit")
                    .scheme("Token")
                    .build();
            TransactionTemplate tx = TransactionTemplate.builder(database.jpa()).build();

            List<Route> routes = new ArrayList<>();
            TagsApi tags = new TagsApi(tx);
            ArticlesApi articles = new ArticlesApi(
                    tx, json, clock, database.jpa(), secret(config.dataDir(), "cursor-secret"), tags::forget, fleet);
            routes.addAll(new UsersApi(
                            tx, PasswordHasher.owaspDefault(), tokens, revocations, json, articles::forgetAll, fleet)
                    .routes());
            JsonNode jwks = json.mapper().readTree(keys.jwksJson());
            routes.add(new Route(
                    "GET",
                    "/.well-known/jwks.json",
                    Access.PUBLIC,
                    op -> op.id("Jwks")
                            .tag("User and Authentication")
                            .summary("Groundwork extension: the public keys that verify this service's tokens")
                            .response(200, "An RFC 7517 JWK set", JsonNode.class)
                            .noSecurity(),
                    request -> Reply.ok(jwks)));
            routes.addAll(articles.routes());
            routes.addAll(tags.routes());
            routes.add(new Route(
                    "GET",
                    "/health",
                    Access.PUBLIC,
                    op -> op.id("Health").response(200, "Up", Health.class).noSecurity(),
                    request -> Reply.ok(new Health("UP"))));

            DocsEndpoint docs = DocsEndpoint.of(document(routes, json));
            KeyedRateLimiter<String> limiter = fleet.limiter(config.requestsPerSecond());
            Router router = new Router(
                    routes,
                    authenticator,
                    json,
                    docs,
                    config.countStatements() ? database.statements() : null,
                    limiter);
            // The JDK server writes headers and body in two packets; without TCP_NODELAY, Nagle's algorithm and
            // the client's delayed ACK hold every keep-alive answer ~40 ms (measured: 700 requests/s on any route).
            if (System.getProperty("sun.net.httpserver.nodelay") == null) {
                System.setProperty("sun.net.httpserver.nodelay", "true");
            }
            HttpServer server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
            ExecutorService workers = Executors.newFixedThreadPool(32, runnable -> {
                Thread thread = new Thread(runnable, "conduit-http");
                thread.setDaemon(true);
                return thread;
            });
            Conduit conduit = new Conduit(database, fleet, server, workers, router);
            server.setExecutor(conduit::run);
            server.createContext("/", router::handle);
            server.start();
            return conduit;
        } catch (IOException | RuntimeException e) {
            fleet.close();
            database.close();
            throw e;
        }
    }

    /** The OpenAPI document of the routes, by api-docs, with the service's own mapper. */
    static OpenApi document(List<Route> routes, Json json) {
        OpenApi.Builder builder = OpenApi.builder("Conduit on Groundwork", "1.0.0")
                .description("The RealWorld API, built from Groundwork's modules.")
                .server("/")
                .securityScheme("Token", SecurityScheme.apiKeyHeader("Authorization"))
                .security("Token");
        for (Route route : routes) {
            dev.groundwork.apidocs.Operation operation =
                    route.doc().apply(dev.groundwork.apidocs.Operation.of(route.method(), route.path()));
            if (route.access() == Access.OPTIONAL) {
                operation.optionalSecurity(); // anonymous readers are served; a token adds their own flags
            }
            builder.operation(operation.rateLimited());
        }
        return builder.build(SchemaGenerator.of(json.mapper()));
    }

    /** The service's EC P-256 key pair, made on first start and kept in the data folder (private part 0600). */
    private static KeyPair keyPair(Path dataDir) throws IOException {
        Path privateFile = dataDir.resolve("token-key.p8");
        Path publicFile = dataDir.resolve("token-key.pub");
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                writePrivately(publicFile, pair.getPublic().getEncoded());
                writePrivately(privateFile, pair.getPrivate().getEncoded());
            }
            byte[] publicBytes =
                    Base64.getDecoder().decode(Files.readString(publicFile).strip());
            byte[] privateBytes =
                    Base64.getDecoder().decode(Files.readString(privateFile).strip());
            return new KeyPair(
                    ec.generatePublic(new X509EncodedKeySpec(publicBytes)),
                    ec.generatePrivate(new PKCS8EncodedKeySpec(privateBytes)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(
                    "the token key in " + dataDir + " cannot be read; delete token-key.p8 and token-key.pub to make"
                            + " a new one (tokens issued before are then refused)",
                    e);
        }
    }

    /** Writes base64 to a file only its owner can read, atomically. */
    private static void writePrivately(Path file, byte[] bytes) throws IOException {
        Path temporary =
                Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the folder's own permissions protect it.
        }
        Files.writeString(temporary, Base64.getEncoder().encodeToString(bytes));
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A 32-byte secret kept in the data folder (tokens and cursors signed before a restart stay valid after it),
     * made on first start, readable by its owner only.
     */
    private static byte[] secret(Path dataDir, String name) throws IOException {
        Path file = dataDir.resolve(name);
        if (!Files.exists(file)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            writePrivately(file, secret);
        }
        byte[] secret = Base64.getDecoder().decode(Files.readString(file).strip());
        if (secret.length < 32) {
            throw new IOException(file + " holds fewer than 32 bytes; delete it to make a new secret");
        }
        return secret;
    }

    /** Runs an exchange on a worker, counted until it is answered (so a stop can wait for it). */
    private void run(Runnable exchange) {
        Runnable admitted;
        synchronized (inFlight) { // with stopAccepting under the same lock: admitted and counted, or refused
            admitted = router.admit(exchange);
            inFlight[0]++;
        }
        try {
            workers.execute(() -> {
                try {
                    admitted.run();
                } finally {
                    finished();
                }
            });
        } catch (RuntimeException e) {
            finished();
            throw e;
        }
    }

    private void finished() {
        synchronized (inFlight) {
            if (--inFlight[0] == 0) {
                inFlight.notifyAll();
            }
        }
    }

    /** Requests being answered now, or waiting for a worker. */
    int requestsInFlight() {
        synchronized (inFlight) {
            return inFlight[0];
        }
    }

    /** The embedded database's JDBC URL, if the database is the embedded one. */
    @Nullable
    String embeddedDatabaseUrl() {
        return database.embeddedUrl();
    }

    /** How many times this instance loaded the named cache ("articles", "profiles") from the database. */
    long cacheLoads(String cache) {
        return fleet.loads(cache);
    }

    /** The database server's major version. */
    int databaseMajorVersion() throws SQLException {
        return database.majorVersion();
    }

    /** The database's contents, table by table, as digests (see {@link Database#fingerprint()}). */
    java.util.Map<String, String> fingerprint() throws SQLException {
        return database.fingerprint();
    }

    /**
     * The port the service listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Answers new requests with 503, lets those in flight finish (up to 5 s), stops the server and closes the
     * database. (The server's own {@code stop(5)} waits the whole 5 s on JDK 17 even when nothing is in flight.)
     */
    @Override
    public void close() {
        synchronized (inFlight) {
            router.stopAccepting();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        synchronized (inFlight) {
            try {
                for (long left; inFlight[0] > 0 && (left = deadline - System.nanoTime()) > 0; ) {
                    TimeUnit.NANOSECONDS.timedWait(inFlight, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fleet.close();
        try {
            database.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the database did not close cleanly", e);
        }
    }
}
