package com.connectsoft.factory.project.application;

import com.connectsoft.factory.blueprint.domain.BlueprintReaders;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.project.domain.BlueprintDraft;
import com.connectsoft.factory.project.domain.BlueprintFileName;
import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.project.domain.Blueprints;
import com.connectsoft.factory.project.domain.Project;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Accepts a blueprint (YAML or JDL) for a tenant: checks its name and content, keeps its bytes, and records it as the
 * project's next blueprint version, or answers the current version when the content is unchanged. Bad input (a bad
 * name included) writes nothing. Concurrent uploads get distinct versions, each holding its own caller's content.
 */
public final class RegisterBlueprint {
    /** Where a refused file name is reported: the name itself is never repeated. */
    public static final String FILE_PARAMETER = "?file=";
    private final BlueprintReaders readers;
    private final ContentStore content;
    private final Blueprints blueprints;
    private final Clock clock;

    public sealed interface Result {
        record Rejected(List<Problem> problems) implements Result {
        }

        record Registered(BlueprintVersion version, Blueprint blueprint, List<Problem> warnings) implements Result {
        }

        /** Concurrent uploads of the same blueprint took every version number tried; nothing of this upload was recorded. */
        record Contended(String blueprintId) implements Result {
        }
    }

    public RegisterBlueprint(BlueprintReaders readers, ContentStore content, Blueprints blueprints, Clock clock) {
        this.readers = readers;
        this.content = content;
        this.blueprints = blueprints;
        this.clock = clock;
    }

    public Result register(TenantId tenant, String fileName, byte[] bytes) {
        Optional<String> badName = BlueprintFileName.problem(fileName);
        if (badName.isPresent()) {
            return new Result.Rejected(List.of(Problem.of(FILE_PARAMETER, 1, 1, badName.get(), BlueprintFileName.hint())));
        }
        ParseOutcome parsed = readers.read(fileName, bytes);
        if (parsed instanceof ParseOutcome.Rejected r) {
            return new Result.Rejected(r.problems());
        }
        ParseOutcome.Accepted accepted = (ParseOutcome.Accepted) parsed;
        Blueprint bp = accepted.blueprint();
        String projectId = "proj-" + Ids.slug(bp.product().name());
        String blueprintId = "bp-" + Ids.slug(bp.product().name());
        var now = clock.instant();
        // unchanged content is answered without writing anything
        Optional<BlueprintVersion> latest = blueprints.latest(tenant, blueprintId)
                .filter(v -> v.contentHash().equals(Hashing.contentHash(bytes)));
        if (latest.isPresent()) {
            return new Result.Registered(latest.get(), bp, accepted.warnings());
        }
        ContentRef ref = content.put(tenant, bytes);
        BlueprintDraft draft = new BlueprintDraft(tenant.value(), projectId, blueprintId, ref.contentHash(),
                readers.forFile(fileName).orElseThrow().format(), fileName, ref.storageRef(), now);
        Optional<BlueprintVersion> version = blueprints.record(tenant, new Project(tenant.value(), projectId, bp.product().name(),
                bp.product().description().orElse(""), now, now), draft);
        return version.<Result>map(v -> new Result.Registered(v, bp, accepted.warnings())).orElseGet(() -> new Result.Contended(blueprintId));
    }
}
