package dev.groundwork.examples.conduit;

import dev.groundwork.apidocs.Operation;
import dev.groundwork.cache.CacheLoadException;
import dev.groundwork.cache.LoadingCache;
import dev.groundwork.cache.http.ConditionalOutcome;
import dev.groundwork.cache.http.ConditionalRequest;
import dev.groundwork.cache.http.EntityTag;
import dev.groundwork.cache.http.Validators;
import dev.groundwork.examples.conduit.Bodies.ArticleBody;
import dev.groundwork.examples.conduit.Bodies.ArticleResponse;
import dev.groundwork.examples.conduit.Bodies.ArticleSummary;
import dev.groundwork.examples.conduit.Bodies.ArticlesResponse;
import dev.groundwork.examples.conduit.Bodies.CommentBody;
import dev.groundwork.examples.conduit.Bodies.CommentResponse;
import dev.groundwork.examples.conduit.Bodies.CommentsResponse;
import dev.groundwork.examples.conduit.Bodies.ErrorResponse;
import dev.groundwork.examples.conduit.Bodies.NewArticle;
import dev.groundwork.examples.conduit.Bodies.NewArticleRequest;
import dev.groundwork.examples.conduit.Bodies.NewComment;
import dev.groundwork.examples.conduit.Bodies.NewCommentRequest;
import dev.groundwork.examples.conduit.Bodies.Profile;
import dev.groundwork.examples.conduit.Bodies.UpdateArticle;
import dev.groundwork.examples.conduit.Bodies.UpdateArticleRequest;
import dev.groundwork.examples.conduit.Route.Access;
import dev.groundwork.examples.conduit.Route.Reply;
import dev.groundwork.examples.conduit.Route.Request;
import dev.groundwork.persistence.KeysetPage;
import dev.groundwork.persistence.PageQuery;
import dev.groundwork.persistence.PageRequest;
import dev.groundwork.persistence.PaginationException;
import dev.groundwork.persistence.Paginator;
import dev.groundwork.persistence.SortSpec;
import dev.groundwork.persistence.tx.TransactionTemplate;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.TypedQuery;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Articles, the feed, favorites and comments. A page of articles takes a fixed number of queries whatever its size
 * (the articles with their authors, their tags, the viewer's favorites and follows, and the count): no N+1.
 */
final class ArticlesApi {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final int MAX_TITLE = 200;
    private static final int MAX_DESCRIPTION = 1000;
    private static final int MAX_BODY = 100_000;
    private static final int MAX_TAGS = 20;
    private static final int MAX_TAG = 64;
    private static final int MAX_COMMENT = 10_000;
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final TransactionTemplate tx;
    private final Json json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final SortSpec<Article> newestFirst;
    private final Paginator<Article> paginator;
    private final Fleet.Cached<String, CachedArticle> cache;
    private final LoadingCache<Listing, ArticlesResponse> lists;
    private final Runnable tagsChanged;

    /** What every reader of an article sees alike; the viewer's favorited and following flags are added per read. */
    record CachedArticle(
            long id,
            String slug,
            String title,
            String description,
            String body,
            List<String> tags,
            Instant createdAt,
            Instant updatedAt,
            int favoritesCount,
            long authorId,
            String authorUsername,
            @Nullable String authorBio,
            @Nullable String authorImage) {}

    ArticlesApi(
            TransactionTemplate tx,
            Json json,
            Clock clock,
            EntityManagerFactory jpa,
            byte[] cursorSecret,
            Runnable tagsChanged,
            Fleet fleet) {
        this.tagsChanged = tagsChanged;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.newestFirst = SortSpec.builder(Article.class)
                .field("createdAt")
                .defaultSort("-createdAt")
                .pageSize(DEFAULT_LIMIT, MAX_LIMIT)
                .build(); // ties broken by id, as the index articles_newest has it
        this.paginator = Paginator.builder(jpa, newestFirst)
                .cursorKey("conduit-1", cursorSecret)
                .build();
        // Reads by slug from cache-core: one load per slug at a time, dropped after every write that changes what
        // a reader sees (and within a minute in any case). Loads run on the request's thread, where its statement
        // count is kept.
        this.cache = fleet.cache(
                "articles",
                CachedArticle.class,
                Duration.ofMinutes(1),
                Duration.ofSeconds(1),
                slug -> tx.call(em -> findOptional(em, slug).map(article -> cached(em, article))));
        this.lists = LoadingCache.<Listing, ArticlesResponse>builder("article-pages")
                .maximumSize(1_000)
                .expireAfterWrite(Duration.ofSeconds(1))
                .executor(Runnable::run)
                .loader(listing -> java.util.Optional.of(tx.call(em -> list(em, listing, null))))
                .build();
    }

    /** Drops every cached article and page, as when an author's profile changed. */
    void forgetAll() {
        cache.invalidateAll();
        lists.invalidateAll();
    }

    private static CachedArticle cached(EntityManager em, Article article) {
        List<String> tags = views(em, List.of(article), null).tags(article);
        User author = article.author();
        return new CachedArticle(
                article.id(),
                article.slug(),
                article.title(),
                article.description(),
                article.body(),
                tags,
                article.createdAt(),
                article.updatedAt(),
                article.favoritesCount(),
                author.id(),
                author.username(),
                author.bio(),
                author.image());
    }

    List<Route> routes() {
        return List.of(
                new Route(
                        "GET",
                        "/api/articles",
                        Access.OPTIONAL,
                        op -> listDoc(op.id("GetArticles")
                                .summary("Articles, newest first, filtered by tag, author or favoriting user")
                                .queryParameter("tag", String.class, "Only articles with this tag")
                                .queryParameter("author", String.class, "Only articles by this user")
                                .queryParameter("favorited", String.class, "Only articles this user favorited")),
                        this::list),
                new Route(
                        "GET",
                        "/api/articles/feed",
                        Access.REQUIRED,
                        op -> listDoc(op.id("GetArticlesFeed")
                                .summary("Articles by the users the caller follows, newest first")),
                        this::feed),
                new Route(
                        "POST",
                        "/api/articles",
                        Access.REQUIRED,
                        op -> op.id("CreateArticle")
                                .tag("Articles")
                                .requestBody(NewArticleRequest.class)
                                .response(201, "The new article", ArticleResponse.class)
                                .response(401, "No valid token", ErrorResponse.class)
                                .response(422, "Invalid fields", ErrorResponse.class),
                        this::create),
                new Route(
                        "GET",
                        "/api/articles/{slug}",
                        Access.OPTIONAL,
                        op -> slugDoc(op.id("GetArticle"))
                                .response(200, "The article", ArticleResponse.class)
                                .response(401, "A token was sent and is not valid", ErrorResponse.class),
                        this::get),
                new Route(
                        "PUT",
                        "/api/articles/{slug}",
                        Access.REQUIRED,
                        op -> slugDoc(op.id("UpdateArticle"))
                                .headerParameter("If-Match", String.class, "The ETag last read; 412 if it changed")
                                .requestBody(UpdateArticleRequest.class)
                                .response(200, "The changed article", ArticleResponse.class)
                                .response(412, "Changed since the ETag given", ErrorResponse.class)
                                .response(401, "No valid token", ErrorResponse.class)
                                .response(403, "Not the author", ErrorResponse.class)
                                .response(422, "Invalid fields", ErrorResponse.class),
                        this::update),
                new Route(
                        "DELETE",
                        "/api/articles/{slug}",
                        Access.REQUIRED,
                        op -> slugDoc(op.id("DeleteArticle"))
                                .headerParameter("If-Match", String.class, "The ETag last read; 412 if it changed")
                                .response(204, "Deleted")
                                .response(401, "No valid token", ErrorResponse.class)
                                .response(403, "Not the author", ErrorResponse.class)
                                .response(412, "Changed since the ETag given", ErrorResponse.class),
                        this::delete),
                new Route(
                        "POST",
                        "/api/articles/{slug}/favorite",
                        Access.REQUIRED,
                        op -> slugDoc(op.id("CreateArticleFavorite"))
                                .response(200, "The article, favorited", ArticleResponse.class)
                                .response(401, "No valid token", ErrorResponse.class),
                        request -> favorite(request, true)),
                new Route(
                        "DELETE",
                        "/api/articles/{slug}/favorite",
                        Access.REQUIRED,
                        op -> slugDoc(op.id("DeleteArticleFavorite"))
                                .response(200, "The article, no longer favorited", ArticleResponse.class)
                                .response(401, "No valid token", ErrorResponse.class),
                        request -> favorite(request, false)),
                new Route(
                        "GET",
                        "/api/articles/{slug}/comments",
                        Access.OPTIONAL,
                        op -> slugDoc(op.id("GetArticleComments"))
                                .tag("Comments")
                                .response(200, "The comments, oldest first", CommentsResponse.class)
                                .response(401, "A token was sent and is not valid", ErrorResponse.class),
                        this::comments),
                new Route(
                        "POST",
                        "/api/articles/{slug}/comments",
                        Access.REQUIRED,
                        op -> slugDoc(op.id("CreateArticleComment"))
                                .tag("Comments")
                                .requestBody(NewCommentRequest.class)
                                .response(200, "The new comment", CommentResponse.class)
                                .response(401, "No valid token", ErrorResponse.class)
                                .response(422, "An empty comment", ErrorResponse.class),
                        this::comment),
                new Route(
                        "DELETE",
                        "/api/articles/{slug}/comments/{id}",
                        Access.REQUIRED,
                        op -> slugDoc(op.id("DeleteArticleComment"))
                                .tag("Comments")
                                .pathParameter("id", Long.class, "The comment's id")
                                .response(204, "Deleted")
                                .response(401, "No valid token", ErrorResponse.class)
                                .response(403, "Not the comment's author", ErrorResponse.class),
                        this::deleteComment));
    }

    private static Operation listDoc(Operation op) {
        return op.tag("Articles")
                .offsetPagination(MAX_LIMIT)
                .queryParameter(
                        "cursor",
                        String.class,
                        "Groundwork extension: where the previous page ended (its nextCursor); instead of offset")
                .response(200, "A page of articles and how many match in all", ArticlesResponse.class)
                .response(400, "A malformed cursor, or one of another listing", ErrorResponse.class)
                .response(401, "A token was sent and is not valid", ErrorResponse.class)
                .response(422, "Malformed parameters", ErrorResponse.class);
    }

    private static Operation slugDoc(Operation op) {
        return op.tag("Articles")
                .pathParameter("slug", String.class, "The article's slug")
                .response(404, "No such article", ErrorResponse.class);
    }

    // ---- lists ----

    /** An anonymous listing request: everything its page depends on. */
    private record Listing(
            @Nullable String tag,
            @Nullable String author,
            @Nullable String favorited,
            int limit,
            int offset,
            @Nullable String cursor) {}

    private Reply list(Request request) {
        Long viewer = request.userId();
        Listing listing = new Listing(
                single(request, "tag"),
                single(request, "author"),
                single(request, "favorited"),
                limit(request),
                offset(request),
                single(request, "cursor"));
        if (viewer != null) {
            return Reply.ok(tx.call(em -> list(em, listing, viewer)));
        }
        // Anonymous pages are the same for everyone: cached until the next write to any article (or a second).
        try {
            return Reply.ok(lists.get(listing).orElseThrow());
        } catch (CacheLoadException e) {
            if (e.getCause() instanceof ApiError error) {
                throw error;
            }
            throw new ApiError(503, "the articles cannot be read right now; retry later");
        }
    }

    private ArticlesResponse list(EntityManager em, Listing listing, @Nullable Long viewer) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        // Request values are bound as parameters; the fragment itself is code.
        Map<String, Object> parameters = new HashMap<>();
        if (listing.tag() != null) {
            where.append(" and exists (select 1 from Article x join x.tags t where x = a and t.name = :tag)");
            parameters.put("tag", listing.tag());
        }
        if (listing.author() != null) {
            where.append(" and a.author.username = :author");
            parameters.put("author", listing.author());
        }
        if (listing.favorited() != null) {
            where.append(" and exists (select 1 from Favorite f, User fu where f.key.article = a.id"
                    + " and f.key.user = fu.id and fu.username = :favorited)");
            parameters.put("favorited", listing.favorited());
        }
        return page(em, where.toString(), parameters, listing.limit(), listing.offset(), listing.cursor(), viewer);
    }

    private Reply feed(Request request) {
        long viewer = request.requireUser();
        int limit = limit(request);
        int offset = offset(request);
        String cursor = single(request, "cursor");
        return Reply.ok(tx.call(em -> page(
                em,
                " where exists (select 1 from Follow f where f.key.follower = :viewer"
                        + " and f.key.followee = a.author.id)",
                Map.of("viewer", viewer),
                limit,
                offset,
                cursor,
                viewer)));
    }

    /**
     * A page by offset, as the specification has it, or by keyset after a signed cursor (persistence-kit): the
     * first page and every cursor page come with the next page's cursor, so a client can switch at the start.
     */
    private ArticlesResponse page(
            EntityManager em,
            String where,
            Map<String, Object> parameters,
            int limit,
            int offset,
            @Nullable String cursor,
            @Nullable Long viewer) {
        if (cursor != null && offset != 0) {
            throw ApiError.unprocessable("give either a cursor or an offset, not both");
        }
        TypedQuery<Long> count = em.createQuery("select count(a) from Article a" + where, Long.class);
        parameters.forEach(count::setParameter);
        List<Article> articles;
        String next = null;
        String previous = null;
        if (cursor != null || offset == 0) {
            PageQuery<Article> query = PageQuery.jpql(Article.class, "a", where.replaceFirst("^ where ", ""))
                    .fetch("author");
            for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
                query = query.parameter(parameter.getKey(), parameter.getValue());
            }
            KeysetPage<Article> page;
            try {
                page = paginator.keyset(em, query, PageRequest.parse(newestFirst, name -> switch (name) {
                    case "limit" -> Integer.toString(limit);
                    case "cursor" -> cursor;
                    default -> null;
                }));
            } catch (PaginationException e) {
                throw new ApiError(400, e.getMessage());
            }
            articles = page.items();
            next = page.nextCursor().orElse(null);
            previous = cursor == null ? null : page.previousCursor().orElse(null);
        } else {
            TypedQuery<Article> rows = em.createQuery(
                    "select a from Article a join fetch a.author" + where + " order by a.createdAt desc, a.id desc",
                    Article.class);
            parameters.forEach(rows::setParameter);
            articles = rows.setFirstResult(offset).setMaxResults(limit).getResultList();
        }
        Views views = views(em, articles, viewer);
        List<ArticleSummary> summaries = new ArrayList<>(articles.size());
        for (Article article : articles) {
            summaries.add(new ArticleSummary(
                    article.slug(),
                    article.title(),
                    article.description(),
                    views.tags(article),
                    article.createdAt(),
                    article.updatedAt(),
                    views.favorited(article),
                    article.favoritesCount(),
                    views.author(article)));
        }
        long total = articles.isEmpty() && offset == 0 && cursor == null ? 0 : count.getSingleResult();
        return new ArticlesResponse(summaries, total, next, previous);
    }

    /** What a page of articles needs besides the rows, each in one query for the whole page. */
    private record Views(Map<Long, List<String>> tagsById, Set<Long> favoritedIds, Set<Long> followedIds) {

        List<String> tags(Article article) {
            return tagsById.getOrDefault(article.id(), List.of());
        }

        boolean favorited(Article article) {
            return favoritedIds.contains(article.id());
        }

        Profile author(Article article) {
            User author = article.author();
            return new Profile(author.username(), author.bio(), author.image(), followedIds.contains(author.id()));
        }
    }

    private static Views views(EntityManager em, List<Article> articles, @Nullable Long viewer) {
        if (articles.isEmpty()) {
            return new Views(Map.of(), Set.of(), Set.of());
        }
        List<Long> ids = articles.stream().map(Article::id).toList();
        Map<Long, List<String>> tags = new HashMap<>();
        for (Object[] row : em.createQuery(
                        "select a.id, t.name from Article a join a.tags t where a.id in :ids order by t.name",
                        Object[].class)
                .setParameter("ids", ids)
                .getResultList()) {
            tags.computeIfAbsent((Long) row[0], id -> new ArrayList<>()).add((String) row[1]);
        }
        Set<Long> favorited = new HashSet<>();
        Set<Long> followed = new HashSet<>();
        if (viewer != null) {
            favorited.addAll(em.createQuery(
                            "select f.key.article from Favorite f where f.key.user = :viewer"
                                    + " and f.key.article in :ids",
                            Long.class)
                    .setParameter("viewer", viewer)
                    .setParameter("ids", ids)
                    .getResultList());
            Set<Long> authors = new LinkedHashSet<>();
            articles.forEach(article -> authors.add(article.author().id()));
            followed.addAll(followed(em, viewer, authors));
        }
        return new Views(tags, favorited, followed);
    }

    /** Which of these authors the viewer follows, in one query. */
    private static List<Long> followed(EntityManager em, long viewer, java.util.Collection<Long> authors) {
        return em.createQuery(
                        "select f.key.followee from Follow f where f.key.follower = :viewer"
                                + " and f.key.followee in :authors",
                        Long.class)
                .setParameter("viewer", viewer)
                .setParameter("authors", authors)
                .getResultList();
    }

    // ---- one article ----

    private Reply get(Request request) {
        String slug = request.path("slug");
        Long viewer = request.userId();
        CachedArticle article;
        try {
            article = cache.get(slug).orElseThrow(() -> ApiError.notFound("article"));
        } catch (CacheLoadException e) {
            throw new ApiError(503, "the article cannot be read right now; retry later");
        }
        boolean favorited = false;
        boolean following = false;
        if (viewer != null) {
            // One statement for the viewer's own flags; an anonymous read touches no database at all.
            Object[] flags = tx.call(em -> (Object[]) em.createNativeQuery(
                            "SELECT EXISTS (SELECT 1 FROM favorites WHERE user_id = ?1 AND article_id = ?2),"
                                    + " EXISTS (SELECT 1 FROM follows WHERE follower_id = ?1 AND followee_id = ?3)")
                    .setParameter(1, viewer)
                    .setParameter(2, article.id())
                    .setParameter(3, article.authorId())
                    .getSingleResult());
            favorited = (Boolean) flags[0];
            following = (Boolean) flags[1];
        }
        return Reply.ok(new ArticleResponse(new ArticleBody(
                article.slug(),
                article.title(),
                article.description(),
                article.body(),
                article.tags(),
                article.createdAt(),
                article.updatedAt(),
                favorited,
                article.favoritesCount(),
                new Profile(article.authorUsername(), article.authorBio(), article.authorImage(), following))));
    }

    private Reply create(Request request) {
        long viewer = request.requireUser();
        NewArticle article = json.read(request.body(), NewArticleRequest.class).article();
        if (article == null) {
            throw ApiError.unprocessable("article can't be blank");
        }
        List<String> problems = new ArrayList<>();
        String title = text("title", article.title(), MAX_TITLE, problems);
        String description = text("description", article.description(), MAX_DESCRIPTION, problems);
        String body = text("body", article.body(), MAX_BODY, problems);
        List<String> tagList = tags(article.tagList(), problems);
        if (!problems.isEmpty()) {
            throw ApiError.unprocessable(problems.toArray(String[]::new));
        }
        Instant now = now();
        ArticleResponse created = tx.call(em -> {
            User author = em.find(User.class, viewer);
            if (author == null) {
                throw ApiError.unauthorized();
            }
            Article fresh = new Article(slug(title), title, description, body, author, now);
            fresh.tags().addAll(tagsNamed(em, tagList));
            em.persist(fresh);
            em.flush();
            return view(em, fresh, viewer);
        });
        cache.invalidate(created.article().slug()); // a read of this slug may have cached "none" a moment ago
        lists.invalidateAll();
        if (!tagList.isEmpty()) {
            tagsChanged.run();
        }
        return Reply.created(created);
    }

    private Reply update(Request request) {
        long viewer = request.requireUser();
        String slug = request.path("slug");
        UpdateArticle changes =
                json.read(request.body(), UpdateArticleRequest.class).article();
        if (changes == null) {
            throw ApiError.unprocessable("article can't be blank");
        }
        List<String> problems = new ArrayList<>();
        String title = changes.title() == null ? null : text("title", changes.title(), MAX_TITLE, problems);
        String description = changes.description() == null
                ? null
                : text("description", changes.description(), MAX_DESCRIPTION, problems);
        String body = changes.body() == null ? null : text("body", changes.body(), MAX_BODY, problems);
        if (!problems.isEmpty()) {
            throw ApiError.unprocessable(problems.toArray(String[]::new));
        }
        Instant now = now();
        ArticleResponse updated = tx.call(em -> {
            Article article = find(em, slug);
            requireAuthor(article.author().id(), viewer);
            requireCurrent(em, article, viewer, "PUT", request.ifMatch());
            if (title != null && !title.equals(article.title())) {
                article.title(title);
                article.slug(slug(title));
            }
            if (description != null) {
                article.description(description);
            }
            if (body != null) {
                article.body(body);
            }
            article.touched(now);
            em.flush();
            return view(em, article, viewer);
        });
        cache.invalidate(slug); // after the commit, so no reader caches the old text again
        lists.invalidateAll();
        cache.invalidate(updated.article().slug());
        return Reply.ok(updated);
    }

    private Reply delete(Request request) {
        long viewer = request.requireUser();
        String slug = request.path("slug");
        tx.run(em -> {
            Article article = find(em, slug);
            requireAuthor(article.author().id(), viewer);
            requireCurrent(em, article, viewer, "DELETE", request.ifMatch());
            em.remove(article);
        });
        cache.invalidate(slug);
        lists.invalidateAll();
        tagsChanged.run();
        return new Reply(204, null);
    }

    private Reply favorite(Request request, boolean favorite) {
        long viewer = request.requireUser();
        String slug = request.path("slug");
        ArticleResponse answer = tx.call(em -> {
            Article article = find(em, slug);
            // One statement each way, so two favorites at once cannot lose a count.
            int changed = favorite
                    ? em.createNativeQuery("INSERT INTO favorites (user_id, article_id) VALUES (?1, ?2)"
                                    + " ON CONFLICT DO NOTHING")
                            .setParameter(1, viewer)
                            .setParameter(2, article.id())
                            .executeUpdate()
                    : em.createNativeQuery("DELETE FROM favorites WHERE user_id = ?1 AND article_id = ?2")
                            .setParameter(1, viewer)
                            .setParameter(2, article.id())
                            .executeUpdate();
            if (changed > 0) {
                em.createNativeQuery("UPDATE articles SET favorites_count = favorites_count + ?1 WHERE id = ?2")
                        .setParameter(1, favorite ? 1 : -1)
                        .setParameter(2, article.id())
                        .executeUpdate();
                em.refresh(article);
            }
            return view(em, article, viewer);
        });
        cache.invalidate(slug); // the count changed
        lists.invalidateAll();
        return Reply.ok(answer);
    }

    private ArticleResponse view(EntityManager em, Article article, @Nullable Long viewer) {
        Views views = views(em, List.of(article), viewer);
        return new ArticleResponse(new ArticleBody(
                article.slug(),
                article.title(),
                article.description(),
                article.body(),
                views.tags(article),
                article.createdAt(),
                article.updatedAt(),
                views.favorited(article),
                article.favoritesCount(),
                views.author(article)));
    }

    // ---- comments ----

    private Reply comments(Request request) {
        String slug = request.path("slug");
        Long viewer = request.userId();
        return Reply.ok(tx.call(em -> {
            Article article = find(em, slug);
            List<Comment> comments = em.createQuery(
                            "select c from Comment c join fetch c.author where c.articleId = :article order by c.id",
                            Comment.class)
                    .setParameter("article", article.id())
                    .getResultList();
            Set<Long> followed = new HashSet<>();
            if (viewer != null && !comments.isEmpty()) {
                followed.addAll(followed(
                        em, viewer, comments.stream().map(c -> c.author().id()).toList()));
            }
            List<CommentBody> bodies = new ArrayList<>();
            for (Comment comment : comments) {
                bodies.add(
                        commentBody(comment, followed.contains(comment.author().id())));
            }
            return new CommentsResponse(bodies);
        }));
    }

    private Reply comment(Request request) {
        long viewer = request.requireUser();
        String slug = request.path("slug");
        NewComment comment = json.read(request.body(), NewCommentRequest.class).comment();
        List<String> problems = new ArrayList<>();
        String body = text("body", comment == null ? null : comment.body(), MAX_COMMENT, problems);
        if (!problems.isEmpty()) {
            throw ApiError.unprocessable(problems.toArray(String[]::new));
        }
        Instant now = now();
        return Reply.ok(tx.call(em -> {
            Article article = find(em, slug);
            User author = em.find(User.class, viewer);
            if (author == null) {
                throw ApiError.unauthorized();
            }
            Comment created = new Comment(article.id(), author, body, now);
            em.persist(created);
            em.flush();
            return new CommentResponse(commentBody(created, false));
        }));
    }

    private Reply deleteComment(Request request) {
        long viewer = request.requireUser();
        String slug = request.path("slug");
        long id;
        try {
            id = Long.parseLong(request.path("id"));
        } catch (NumberFormatException e) {
            throw ApiError.notFound("comment");
        }
        tx.run(em -> {
            Article article = find(em, slug);
            Comment comment = em.find(Comment.class, id);
            if (comment == null || comment.articleId() != article.id()) {
                throw ApiError.notFound("comment");
            }
            requireAuthor(comment.author().id(), viewer);
            em.remove(comment);
        });
        return new Reply(204, null);
    }

    private static CommentBody commentBody(Comment comment, boolean following) {
        User author = comment.author();
        return new CommentBody(
                comment.id(),
                comment.createdAt(),
                comment.updatedAt(),
                comment.body(),
                new Profile(author.username(), author.bio(), author.image(), following));
    }

    // ---- helpers ----

    private static Article find(EntityManager em, String slug) {
        return findOptional(em, slug).orElseThrow(() -> ApiError.notFound("article"));
    }

    private static java.util.Optional<Article> findOptional(EntityManager em, String slug) {
        return em.createQuery("select a from Article a join fetch a.author where a.slug = :slug", Article.class)
                .setParameter("slug", slug)
                .getResultStream()
                .findFirst();
    }

    /**
     * With {@code If-Match}, a write goes ahead only if the article is still what the client last read: the tag of
     * the bytes a GET would send it now must match (RFC 9110 §13.1.1), else 412 and nothing changes.
     */
    private void requireCurrent(
            EntityManager em, Article article, long viewer, String method, @Nullable String ifMatch) {
        if (ifMatch == null) {
            return;
        }
        EntityTag current = EntityTag.ofBytes(json.write(view(em, article, viewer)));
        ConditionalOutcome outcome = ConditionalRequest.evaluate(
                method, name -> name.equalsIgnoreCase("If-Match") ? ifMatch : null, Validators.of(current, null));
        if (outcome == ConditionalOutcome.PRECONDITION_FAILED) {
            throw new ApiError(412, "the article changed since it was read; read it again");
        }
    }

    private static void requireAuthor(long author, long viewer) {
        if (author != viewer) {
            throw new ApiError(403, "only the author may do this");
        }
    }

    /** The tags of these names, creating the missing ones (safe when two requests create one tag at once). */
    private static List<Tag> tagsNamed(EntityManager em, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        for (String name : names) {
            em.createNativeQuery("INSERT INTO tags (name) VALUES (?1) ON CONFLICT (name) DO NOTHING")
                    .setParameter(1, name)
                    .executeUpdate();
        }
        Map<String, Tag> byName = new LinkedHashMap<>();
        em.createQuery("select t from Tag t where t.name in :names", Tag.class)
                .setParameter("names", names)
                .getResultList()
                .forEach(tag -> byName.put(tag.name(), tag));
        List<Tag> ordered = new ArrayList<>();
        for (String name : names) {
            Tag tag = byName.get(name);
            if (tag != null) {
                ordered.add(tag);
            }
        }
        return ordered;
    }

    /** A URL-safe slug from the title, with a random suffix so that two equal titles never collide. */
    private String slug(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String base =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (base.length() > 80) {
            base = base.substring(0, 80).replaceAll("-+$", "");
        }
        StringBuilder slug = new StringBuilder(base.isEmpty() ? "article" : base).append('-');
        for (int i = 0; i < 6; i++) {
            slug.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return slug.toString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String text(String field, @Nullable String value, int max, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + " can't be blank");
            return "";
        }
        if (value.length() > max) {
            problems.add(field + " is too long (at most " + max + " characters)");
        }
        return value;
    }

    private static List<String> tags(@Nullable List<String> tagList, List<String> problems) {
        if (tagList == null) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : tagList) {
            if (tag == null || tag.isBlank()) {
                problems.add("a tag can't be blank");
            } else if (tag.strip().length() > MAX_TAG) {
                problems.add("a tag is too long (at most " + MAX_TAG + " characters)");
            } else {
                tags.add(tag.strip());
            }
        }
        if (tags.size() > MAX_TAGS) {
            problems.add("at most " + MAX_TAGS + " tags");
        }
        return List.copyOf(tags);
    }

    private static @Nullable String single(Request request, String name) {
        List<String> values = request.query().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiError.unprocessable(name + " is given more than once");
        }
        return values.get(0);
    }

    private static int limit(Request request) {
        return number(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    private static int offset(Request request) {
        return number(request, "offset", 0, 0, 1_000_000);
    }

    private static int number(Request request, String name, int fallback, int min, int max) {
        String value = single(request, name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw ApiError.unprocessable(name + " must be from " + min + " to " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw ApiError.unprocessable(name + " must be a whole number");
        }
    }
}
