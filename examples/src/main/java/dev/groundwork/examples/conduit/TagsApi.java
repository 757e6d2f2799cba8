package dev.groundwork.examples.conduit;

import dev.groundwork.cache.CacheLoadException;
import dev.groundwork.cache.LoadingCache;
import dev.groundwork.examples.conduit.Bodies.TagsResponse;
import dev.groundwork.examples.conduit.Route.Access;
import dev.groundwork.examples.conduit.Route.Reply;
import dev.groundwork.persistence.tx.TransactionTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The tags in use. */
final class TagsApi {

    private final LoadingCache<String, List<String>> tags;

    TagsApi(TransactionTemplate tx) {
        // One entry: the tags in use, read once a second at most (tags appear and disappear with articles, and a
        // tag cloud a second late is harmless), and at once after forget().
        this.tags = LoadingCache.<String, List<String>>builder("tags")
                .maximumSize(1)
                .expireAfterWrite(Duration.ofSeconds(1))
                .executor(Runnable::run)
                .loader(all -> Optional.of(tx.call(em -> {
                    @SuppressWarnings("unchecked")
                    List<String> names = em.createNativeQuery(
                                    "SELECT t.name FROM tags t WHERE EXISTS"
                                            + " (SELECT 1 FROM article_tags x WHERE x.tag_id = t.id) ORDER BY t.name",
                                    String.class)
                            .getResultList();
                    return List.copyOf(names);
                })))
                .build();
    }

    /** Drops the cached tags, as when an article with tags was created or deleted. */
    void forget() {
        tags.invalidateAll();
    }

    List<Route> routes() {
        return List.of(new Route(
                "GET",
                "/api/tags",
                Access.PUBLIC,
                op -> op.id("GetTags")
                        .tag("Tags")
                        .response(200, "The tags", TagsResponse.class)
                        .noSecurity(),
                request -> {
                    try {
                        return Reply.ok(new TagsResponse(tags.get("all").orElse(List.of())));
                    } catch (CacheLoadException e) {
                        throw new ApiError(503, "the tags cannot be read right now; retry later");
                    }
                }));
    }
}
