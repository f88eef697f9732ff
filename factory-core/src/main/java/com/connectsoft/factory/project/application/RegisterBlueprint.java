package com.connectsoft.factory.project.application;

import com.connectsoft.factory.blueprint.application.BlueprintReaders;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.project.domain.Blueprints;
import com.connectsoft.factory.project.domain.Project;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Accepts a blueprint (YAML or JDL) for a tenant: checks it, keeps its bytes, and records it as the project's next
 * blueprint version, or as the current version again when the content is unchanged. Bad input writes nothing.
 */
public final class RegisterBlueprint {
    private final BlueprintReaders readers;
    private final ContentStore content;
    private final Blueprints blueprints;
    private final Clock clock;

    public sealed interface Result {
        record Rejected(List<Problem> problems) implements Result {
        }

        record Registered(BlueprintVersion version, Blueprint blueprint, List<Problem> warnings) implements Result {
        }
    }

    public RegisterBlueprint(BlueprintReaders readers, ContentStore content, Blueprints blueprints, Clock clock) {
        this.readers = readers;
        this.content = content;
        this.blueprints = blueprints;
        this.clock = clock;
    }

    public Result register(TenantId tenant, String fileName, byte[] bytes) {
        ParseOutcome parsed = readers.read(fileName, bytes);
        if (parsed instanceof ParseOutcome.Rejected r) {
            return new Result.Rejected(r.problems());
        }
        ParseOutcome.Accepted accepted = (ParseOutcome.Accepted) parsed;
        Blueprint bp = accepted.blueprint();
        ContentRef ref = content.put(tenant, bytes);
        String projectId = "proj-" + Ids.slug(bp.product().name());
        String blueprintId = "bp-" + Ids.slug(bp.product().name());
        Optional<BlueprintVersion> latest = blueprints.latest(tenant, blueprintId);
        BlueprintVersion version = latest.filter(v -> v.contentHash().equals(ref.contentHash())).orElseGet(() ->
                new BlueprintVersion(tenant.value(), projectId, blueprintId, latest.map(v -> v.version() + 1).orElse(1),
                        ref.contentHash(), readers.forFile(fileName).orElseThrow().format(),
                        Path.of(fileName).getFileName().toString(), ref.storageRef(), clock.instant()));
        var now = clock.instant();
        blueprints.register(tenant, new Project(tenant.value(), projectId, bp.product().name(),
                bp.product().description().orElse(""), now, now), version);
        return new Result.Registered(version, bp, accepted.warnings());
    }
}
