package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.knowledge.application.SearchKnowledge;
import com.connectsoft.factory.knowledge.application.SearchResults;
import com.connectsoft.factory.knowledge.domain.KnowledgeScope;
import com.connectsoft.factory.knowledge.domain.SearchHit;
import com.connectsoft.factory.knowledge.domain.SearchQuery;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", description = "Search a tenant's blueprints, generated modules and runs, and the platform's templates and JDL samples.")
final class SearchCommand extends FactoryCommand {
    @Mixin
    TenantOption tenant;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What to look for, in a few words.")
    List<String> words;

    @Option(names = "--limit", defaultValue = "10", description = "At most this many hits (1-" + SearchQuery.MAX_LIMIT + ", default 10).")
    int limit;

    @Option(names = "--json", description = "Print the hits as JSON.")
    boolean json;

    @Override
    public Integer call() {
        TenantId t = tenant.resolve(settings());
        SearchQuery query = SearchQuery.of(String.join(" ", words), limit);
        try (Factory factory = open()) {
            SearchKnowledge.Outcome outcome = factory.knowledge().search().search(t, query);
            if (outcome instanceof SearchKnowledge.Outcome.UnknownTenant u) {
                err().printf("error: tenant %s is not registered here (./factory keys create --tenant %s registers it, and a run indexes "
                        + "its blueprints)%n", u.tenant().value(), u.tenant().value());
                return FactoryCli.BAD_INPUT;
            }
            SearchKnowledge.Outcome.Found found = (SearchKnowledge.Outcome.Found) outcome;
            if (json) {
                out().println(Json.pretty(SearchResults.body(found)));
                return FactoryCli.OK;
            }
            int n = 0;
            for (SearchHit h : found.hits()) {
                out().printf("%2d. [%s] %s  (%s%s)%n    %s%n", ++n, h.kind().key(), h.title(), h.id(),
                        h.scope().equals(KnowledgeScope.PLATFORM_KEY) ? ", platform" : "", h.snippet());
            }
            out().printf("%d hit(s) for \"%s\" in tenant %s and the platform (%d ms)%n", found.hits().size(), query.text(), t.value(),
                    found.millis());
            return FactoryCli.OK;
        }
    }
}
