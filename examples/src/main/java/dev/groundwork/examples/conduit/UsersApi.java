package dev.groundwork.examples.conduit;

import dev.groundwork.apidocs.Operation;
import dev.groundwork.auth.AccessToken;
import dev.groundwork.auth.RefreshOutcome;
import dev.groundwork.auth.RevocationList;
import dev.groundwork.auth.TokenIssuer;
import dev.groundwork.auth.TokenPair;
import dev.groundwork.auth.password.PasswordHasher;
import dev.groundwork.cache.CacheLoadException;
import dev.groundwork.examples.conduit.Bodies.Login;
import dev.groundwork.examples.conduit.Bodies.LoginRequest;
import dev.groundwork.examples.conduit.Bodies.NewUser;
import dev.groundwork.examples.conduit.Bodies.NewUserRequest;
import dev.groundwork.examples.conduit.Bodies.Profile;
import dev.groundwork.examples.conduit.Bodies.ProfileResponse;
import dev.groundwork.examples.conduit.Bodies.UpdateUser;
import dev.groundwork.examples.conduit.Bodies.UpdateUserRequest;
import dev.groundwork.examples.conduit.Bodies.UserBody;
import dev.groundwork.examples.conduit.Bodies.UserResponse;
import dev.groundwork.examples.conduit.Route.Access;
import dev.groundwork.examples.conduit.Route.Reply;
import dev.groundwork.examples.conduit.Route.Request;
import dev.groundwork.persistence.tx.TransactionTemplate;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Registration, login, the current user, and profiles with following. */
final class UsersApi {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 256;
    private static final int MAX_BIO = 4000;
    private static final int MAX_IMAGE = 2048;

    private final TransactionTemplate tx;
    private final PasswordHasher passwords;
    private final TokenIssuer tokens;
    private final RevocationList revocations;
    private final Json json;
    private final Runnable profileChanged;
    private final Fleet.Cached<String, CachedProfile> profiles;

    /** A profile as everyone sees it; whether the viewer follows it is looked up per read. */
    record CachedProfile(
            long id,
            String username,
            @Nullable String bio,
            @Nullable String image) {}

    UsersApi(
            TransactionTemplate tx,
            PasswordHasher passwords,
            TokenIssuer tokens,
            RevocationList revocations,
            Json json,
            Runnable profileChanged,
            Fleet fleet) {
        this.tx = tx;
        this.passwords = passwords;
        this.tokens = tokens;
        this.revocations = revocations;
        this.json = json;
        this.profileChanged = profileChanged;
        this.profiles = fleet.cache(
                "profiles",
                CachedProfile.class,
                Duration.ofMinutes(1),
                Duration.ofSeconds(1),
                username -> tx.call(em -> findOptional(em, username)
                        .map(user -> new CachedProfile(user.id(), user.username(), user.bio(), user.image()))));
    }

    List<Route> routes() {
        String tag = "User and Authentication";
        return List.of(
                new Route(
                        "POST",
                        "/api/users",
                        Access.PUBLIC,
                        op -> op.id("CreateUser")
                                .tag(tag)
                                .summary("Register")
                                .requestBody(NewUserRequest.class)
                                .response(201, "The new user, with a token", UserResponse.class)
                                .response(422, "Invalid or taken username or email", Bodies.ErrorResponse.class)
                                .noSecurity(),
                        this::register),
                new Route(
                        "POST",
                        "/api/users/login",
                        Access.PUBLIC,
                        op -> op.id("Login")
                                .tag(tag)
                                .summary("Log in")
                                .requestBody(LoginRequest.class)
                                .response(200, "The user, with a token", UserResponse.class)
                                .response(401, "Wrong email or password", Bodies.ErrorResponse.class)
                                .response(422, "A malformed request", Bodies.ErrorResponse.class)
                                .noSecurity(),
                        this::login),
                new Route(
                        "POST",
                        "/api/users/refresh",
                        Access.PUBLIC,
                        op -> op.id("RefreshToken")
                                .tag(tag)
                                .summary("Groundwork extension: new tokens for a refresh token")
                                .description("The refresh token is used up; presenting it again revokes its family.")
                                .requestBody(Bodies.RefreshRequest.class)
                                .response(200, "The user, with new tokens", UserResponse.class)
                                .response(
                                        401,
                                        "An unknown, expired, reused or revoked refresh token",
                                        Bodies.ErrorResponse.class)
                                .noSecurity(),
                        this::refresh),
                new Route(
                        "POST",
                        "/api/users/logout",
                        Access.REQUIRED,
                        op -> op.id("Logout")
                                .tag(tag)
                                .summary("Groundwork extension: revoke this access token and a refresh token's family")
                                .requestBody(Bodies.RefreshRequest.class)
                                .response(204, "Logged out")
                                .response(401, "No valid token", Bodies.ErrorResponse.class),
                        this::logout),
                new Route(
                        "GET",
                        "/api/user",
                        Access.REQUIRED,
                        op -> op.id("GetCurrentUser")
                                .tag(tag)
                                .summary("The current user")
                                .response(200, "The user, with a fresh token", UserResponse.class)
                                .response(401, "No valid token", Bodies.ErrorResponse.class),
                        this::current),
                new Route(
                        "PUT",
                        "/api/user",
                        Access.REQUIRED,
                        op -> op.id("UpdateCurrentUser")
                                .tag(tag)
                                .summary("Change the current user")
                                .requestBody(UpdateUserRequest.class)
                                .response(200, "The changed user", UserResponse.class)
                                .response(401, "No valid token", Bodies.ErrorResponse.class)
                                .response(422, "Invalid or taken values", Bodies.ErrorResponse.class),
                        this::update),
                new Route(
                        "GET",
                        "/api/profiles/{username}",
                        Access.OPTIONAL,
                        op -> op.id("GetProfileByUsername")
                                .tag("Profile")
                                .pathParameter("username", String.class, "The user's name")
                                .response(200, "The profile", ProfileResponse.class)
                                .response(401, "A token was sent and is not valid", Bodies.ErrorResponse.class)
                                .response(404, "No such user", Bodies.ErrorResponse.class),
                        this::profile),
                new Route(
                        "POST",
                        "/api/profiles/{username}/follow",
                        Access.REQUIRED,
                        op -> followDoc(op).id("FollowUserByUsername").summary("Follow a user"),
                        request -> follow(request, true)),
                new Route(
                        "DELETE",
                        "/api/profiles/{username}/follow",
                        Access.REQUIRED,
                        op -> followDoc(op).id("UnfollowUserByUsername").summary("Stop following a user"),
                        request -> follow(request, false)));
    }

    private static Operation followDoc(Operation op) {
        return op.tag("Profile")
                .pathParameter("username", String.class, "The user's name")
                .response(200, "The profile", ProfileResponse.class)
                .response(401, "No valid token", Bodies.ErrorResponse.class)
                .response(404, "No such user", Bodies.ErrorResponse.class);
    }

    private Reply register(Request request) {
        NewUser user = json.read(request.body(), NewUserRequest.class).user();
        if (user == null) {
            throw ApiError.unprocessable("user can't be blank");
        }
        List<String> problems = new ArrayList<>();
        String username = checkUsername(user.username(), problems);
        String email = checkEmail(user.email(), problems);
        String password = checkPassword(user.password(), problems);
        if (!problems.isEmpty()) {
            throw ApiError.unprocessable(problems.toArray(String[]::new));
        }
        String hash = passwords.hash(password.toCharArray());
        User created = tx.call(em -> {
            checkUnique(em, username, email, null);
            User fresh = new User(username, email, hash);
            em.persist(fresh);
            em.flush();
            return fresh;
        });
        return Reply.created(userResponse(created, tokens.issue(Long.toString(created.id()), List.of())));
    }

    private Reply refresh(Request request) {
        String refreshToken =
                json.read(request.body(), Bodies.RefreshRequest.class).refreshToken();
        RefreshOutcome outcome = tokens.refresh(refreshToken);
        if (outcome instanceof RefreshOutcome.Unavailable) {
            throw new ApiError(503, "refresh tokens cannot be checked right now; retry later");
        }
        if (!(outcome instanceof RefreshOutcome.Refreshed refreshed)) {
            throw new ApiError(401, "the refresh token is not valid; log in again");
        }
        long id = Long.parseLong(refreshed.subject());
        User user = tx.call(em -> em.find(User.class, id));
        if (user == null) {
            throw new ApiError(401, "the refresh token is not valid; log in again");
        }
        return Reply.ok(userResponse(user, refreshed.tokens()));
    }

    private Reply logout(Request request) {
        AccessToken token = request.token();
        if (token == null) {
            throw ApiError.unauthorized();
        }
        // The access token is refused from now until it would have expired anyway.
        token.jwtId().ifPresent(jti -> revocations.revoke(jti, token.expiresAt().orElse(Instant.now())));
        if (request.body().length > 0) {
            tokens.revokeFamily(
                    json.read(request.body(), Bodies.RefreshRequest.class).refreshToken());
        }
        return new Reply(204, null);
    }

    private Reply login(Request request) {
        Login login = json.read(request.body(), LoginRequest.class).user();
        if (login == null || login.email() == null || login.password() == null) {
            throw ApiError.unprocessable("email and password can't be blank");
        }
        String email = login.email().strip().toLowerCase(Locale.ROOT);
        User user = tx.call(em -> em.createQuery("select u from User u where u.email = :email", User.class)
                .setParameter("email", email)
                .getResultStream()
                .findFirst()
                .orElse(null));
        // The hash is checked even for an unknown email, so the answer takes as long either way.
        String stored = user != null ? user.passwordHash() : passwords.hash("no such user".toCharArray());
        if (login.password().length() > MAX_PASSWORD
                || !passwords.verify(login.password().toCharArray(), stored).matches()
                || user == null) {
            throw new ApiError(401, "email or password is invalid");
        }
        return Reply.ok(userResponse(user, tokens.issue(Long.toString(user.id()), List.of())));
    }

    private Reply current(Request request) {
        long id = request.requireUser();
        User user = tx.call(em -> em.find(User.class, id));
        if (user == null) {
            throw ApiError.unauthorized();
        }
        return Reply.ok(userResponse(user));
    }

    private Reply update(Request request) {
        long id = request.requireUser();
        UpdateUser changes = json.read(request.body(), UpdateUserRequest.class).user();
        if (changes == null) {
            throw ApiError.unprocessable("user can't be blank");
        }
        List<String> problems = new ArrayList<>();
        String username = changes.username() == null ? null : checkUsername(changes.username(), problems);
        String email = changes.email() == null ? null : checkEmail(changes.email(), problems);
        String password = changes.password() == null ? null : checkPassword(changes.password(), problems);
        if (changes.bio() != null && changes.bio().length() > MAX_BIO) {
            problems.add("bio is too long (at most " + MAX_BIO + " characters)");
        }
        if (changes.image() != null && changes.image().length() > MAX_IMAGE) {
            problems.add("image is too long (at most " + MAX_IMAGE + " characters)");
        }
        if (!problems.isEmpty()) {
            throw ApiError.unprocessable(problems.toArray(String[]::new));
        }
        String hash = password == null ? null : passwords.hash(password.toCharArray());
        String[] before = new String[1];
        User updated = tx.call(em -> {
            User user = em.find(User.class, id);
            if (user == null) {
                throw ApiError.unauthorized();
            }
            checkUnique(em, username, email, id);
            before[0] = user.username();
            if (username != null) {
                user.username(username);
            }
            if (email != null) {
                user.email(email);
            }
            if (hash != null) {
                user.passwordHash(hash);
            }
            if (changes.bio() != null) {
                user.bio(changes.bio().isEmpty() ? null : changes.bio());
            }
            if (changes.image() != null) {
                user.image(changes.image().isEmpty() ? null : changes.image());
            }
            em.flush();
            return user;
        });
        // After the commit: the profile under both names, and the articles that show this author.
        if (before[0] != null) {
            profiles.invalidate(before[0]);
        }
        profiles.invalidate(updated.username());
        profileChanged.run();
        return Reply.ok(userResponse(updated));
    }

    private Reply profile(Request request) {
        String username = request.path("username");
        Long viewer = request.userId();
        CachedProfile profile;
        try {
            profile = profiles.get(username).orElseThrow(() -> ApiError.notFound("profile"));
        } catch (CacheLoadException e) {
            throw new ApiError(503, "the profile cannot be read right now; retry later");
        }
        boolean following =
                viewer != null && tx.call(em -> em.find(Follow.class, new Follow.Key(viewer, profile.id())) != null);
        return Reply.ok(
                new ProfileResponse(new Profile(profile.username(), profile.bio(), profile.image(), following)));
    }

    private Reply follow(Request request, boolean follow) {
        long viewer = request.requireUser();
        String username = request.path("username");
        return Reply.ok(tx.call(em -> {
            User target = findByUsername(em, username);
            if (target.id() == viewer) {
                throw ApiError.unprocessable("you cannot follow yourself");
            }
            Follow.Key key = new Follow.Key(viewer, target.id());
            Follow existing = em.find(Follow.class, key);
            if (follow && existing == null) {
                em.persist(new Follow(viewer, target.id()));
            } else if (!follow && existing != null) {
                em.remove(existing);
            }
            em.flush();
            return new ProfileResponse(profile(em, target, viewer));
        }));
    }

    static User findByUsername(EntityManager em, String username) {
        return findOptional(em, username).orElseThrow(() -> ApiError.notFound("profile"));
    }

    private static java.util.Optional<User> findOptional(EntityManager em, String username) {
        return em.createQuery("select u from User u where u.username = :username", User.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    static Profile profile(EntityManager em, User user, @Nullable Long viewer) {
        boolean following = viewer != null && em.find(Follow.class, new Follow.Key(viewer, user.id())) != null;
        return new Profile(user.username(), user.bio(), user.image(), following);
    }

    private UserResponse userResponse(User user) {
        String token = tokens.accessToken(Long.toString(user.id()), List.of());
        return new UserResponse(new UserBody(user.email(), token, user.username(), user.bio(), user.image(), null));
    }

    private static UserResponse userResponse(User user, TokenPair pair) {
        return new UserResponse(new UserBody(
                user.email(), pair.accessToken(), user.username(), user.bio(), user.image(), pair.refreshToken()));
    }

    /** Refuses a username or email another user has; {@code self} may keep their own. */
    private static void checkUnique(
            EntityManager em, @Nullable String username, @Nullable String email, @Nullable Long self) {
        List<String> taken = new ArrayList<>();
        if (username != null && isTaken(em, "username", username, self)) {
            taken.add("username has already been taken");
        }
        if (email != null && isTaken(em, "email", email, self)) {
            taken.add("email has already been taken");
        }
        if (!taken.isEmpty()) {
            throw ApiError.unprocessable(taken.toArray(String[]::new));
        }
    }

    private static boolean isTaken(EntityManager em, String field, String value, @Nullable Long self) {
        return em.createQuery("select u.id from User u where u." + field + " = :value", Long.class)
                .setParameter("value", value)
                .getResultStream()
                .anyMatch(id -> !id.equals(self));
    }

    private static String checkUsername(@Nullable String username, List<String> problems) {
        if (username == null || username.isBlank()) {
            problems.add("username can't be blank");
            return "";
        }
        if (!USERNAME.matcher(username).matches()) {
            problems.add("username must be 1 to 64 letters, digits, '_', '-' or '.'");
        }
        return username;
    }

    private static String checkEmail(@Nullable String email, List<String> problems) {
        if (email == null || email.isBlank()) {
            problems.add("email can't be blank");
            return "";
        }
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        if (normalized.length() > 254 || !EMAIL.matcher(normalized).matches()) {
            problems.add("email is invalid");
        }
        return normalized;
    }

    private static String checkPassword(@Nullable String password, List<String> problems) {
        if (password == null || password.isEmpty()) {
            problems.add("password can't be blank");
            return "";
        }
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            problems.add("password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        return password;
    }
}
