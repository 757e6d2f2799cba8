package dev.groundwork.examples.conduit;

import dev.groundwork.examples.conduit.Bodies.TagsResponse;
import dev.groundwork.examples.conduit.Route.Access;
import dev.groundwork.examples.conduit.Route.Reply;
import dev.groundwork.persistence.tx.TransactionTemplate;
import java.util.List;

/** The tags in use. */
final class TagsApi {

    private final TransactionTemplate tx;

    TagsApi(TransactionTemplate tx) {
        this.tx = tx;
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
                request -> Reply.ok(new TagsResponse(tx.call(em -> {
                    @SuppressWarnings("unchecked")
                    List<String> names = em.createNativeQuery(
                                    "SELECT t.name FROM tags t WHERE EXISTS"
                                            + " (SELECT 1 FROM article_tags x WHERE x.tag_id = t.id) ORDER BY t.name",
                                    String.class)
                            .getResultList();
                    return List.copyOf(names);
                })))));
    }
}
