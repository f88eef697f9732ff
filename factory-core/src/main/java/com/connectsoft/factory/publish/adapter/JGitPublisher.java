package com.connectsoft.factory.publish.adapter;

import com.connectsoft.factory.publish.domain.GitPublisher;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Bare git repositories under {@code <root>/<tenant>/<project>.git}, written with JGit (no working tree). */
public final class JGitPublisher implements GitPublisher {
    private static final PersonIdent FACTORY = new PersonIdent("ConnectSoft Factory", "factory@connectsoft.invalid");
    private final Path root;

    public JGitPublisher(Path root) {
        this.root = root.toAbsolutePath();
    }

    private Repository open(TenantId tenant, String projectId) throws IOException {
        Objects.requireNonNull(tenant, "tenantId is required");
        if (!projectId.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("project id '" + projectId + "' is not a safe directory name");
        }
        Path dir = root.resolve(tenant.value()).resolve(projectId + ".git");
        Repository repo = new FileRepository(dir.toFile());
        if (!Files.exists(dir.resolve("HEAD"))) {
            repo.create(true);
        }
        return repo;
    }

    @Override
    public Published publish(TenantId tenant, String projectId, String branch, Path sources, String message, Instant when) {
        String refName = Constants.R_HEADS + branch;
        try (Repository repo = open(tenant, projectId); ObjectInserter ins = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
            int[] count = {0};
            ObjectId tree = tree(ins, sources, count);
            Ref existing = repo.exactRef(refName);
            if (existing != null) {
                RevCommit head = walk.parseCommit(existing.getObjectId());
                if (head.getTree().getId().equals(tree)) {
                    return new Published(repo.getDirectory().toString(), branch, head.getName(), count[0], false);
                }
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            PersonIdent who = new PersonIdent(FACTORY, java.util.Date.from(when), TimeZone.getTimeZone(ZoneOffset.UTC));
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            Ref base = existing != null ? existing : repo.exactRef(Constants.R_HEADS + "main");
            if (base != null) {
                commit.setParentId(base.getObjectId());
            }
            ObjectId id = ins.insert(commit);
            ins.flush();
            RefUpdate update = repo.updateRef(refName);
            update.setNewObjectId(id);
            update.setExpectedOldObjectId(existing == null ? ObjectId.zeroId() : existing.getObjectId());
            update.setRefLogMessage("factory run", false);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                throw new IllegalStateException("cannot move " + refName + " in " + repo.getDirectory() + ": " + result);
            }
            return new Published(repo.getDirectory().toString(), branch, id.getName(), count[0], true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit to the git repository of " + projectId, e);
        }
    }

    private static ObjectId tree(ObjectInserter ins, Path dir, int[] count) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = new ArrayList<>(s.filter(p -> !Files.isSymbolicLink(p)).toList());
        }
        children.sort(Comparator.comparing(p -> p.getFileName().toString() + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : "")));
        TreeFormatter fmt = new TreeFormatter();
        for (Path p : children) {
            String name = p.getFileName().toString();
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                if (name.equals(".git")) {
                    continue;
                }
                fmt.append(name, FileMode.TREE, tree(ins, p, count));
            } else {
                count[0]++;
                FileMode mode = Files.isExecutable(p) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
                fmt.append(name, mode, ins.insert(Constants.OBJ_BLOB, Files.readAllBytes(p)));
            }
        }
        return ins.insert(fmt);
    }

    @Override
    public boolean deleteBranch(TenantId tenant, String projectId, String branch) {
        try (Repository repo = open(tenant, projectId)) {
            if (repo.exactRef(Constants.R_HEADS + branch) == null) {
                return false;
            }
            RefUpdate d = repo.updateRef(Constants.R_HEADS + branch);
            d.setForceUpdate(true);
            RefUpdate.Result r = d.delete();
            return r == RefUpdate.Result.FORCED || r == RefUpdate.Result.FAST_FORWARD || r == RefUpdate.Result.NO_CHANGE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> files(TenantId tenant, String projectId, String commitId) {
        try (Repository repo = open(tenant, projectId); RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commitId));
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            List<String> out = new ArrayList<>();
            while (tw.next()) {
                out.add(tw.getPathString());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
