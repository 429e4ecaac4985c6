package org.assessor.govern;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Proposals as git commits, made in process with Eclipse JGit (no git command is run). A proposal is one commit on its
 * own branch, {@code proposals/<n>-<words>}, whose parent is the commit the rules in use came from, authored by the
 * person who proposed it, changing only files under the rules folder; its message holds the reason and the dry run's
 * summary. Approving it merges it into the checked-out branch with a merge commit authored by the approver (refused
 * to its author), and writes the merged files into the working tree; rejecting it adds a commit to its branch, by the
 * approver, with the reason and the same files. Nothing here reads or writes a file outside the repository's own
 * folders, and a proposal or an approval is refused while the rules folder has uncommitted changes.
 */
public final class Proposals implements AutoCloseable {
    public enum State { OPEN, APPROVED, REJECTED }

    /** A proposal as its branch tells it. */
    public record Proposal(int number, String branch, String title, String reason, String author, String authorLogin,
                           String authorIdent, Instant when, State state, String decidedBy, String decision,
                           String tip, String base, String message) {
        public String shortTip() {
            return tip.substring(0, 12);
        }
    }

    /** Where the rules in use come from: the commit, its subject, the proposal it approved, and uncommitted files. */
    public record Provenance(String branch, String commit, String subject, Integer proposal, String approvedBy,
                             List<String> uncommitted) {
        public boolean clean() {
            return uncommitted.isEmpty();
        }
    }

    /** A refusal with its reason in plain words (the page shows it; nothing was changed). */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    static final String PREFIX = "refs/heads/proposals/";
    private static final Pattern NUMBER = Pattern.compile("proposals/(\\d+)-.*");

    private final Repository repo;
    private final String rulesPath;

    private Proposals(Repository repo, String rulesPath) {
        this.repo = repo;
        this.rulesPath = rulesPath;
    }

    /**
     * The proposals of the git repository that holds this rules folder (its working tree), or empty when the folder is
     * not in a git working tree.
     */
    public static Optional<Proposals> open(Path rules) throws IOException {
        Path dir = rules.toAbsolutePath().normalize();
        FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile());
        if (b.getGitDir() == null) return Optional.empty();
        Repository repo = b.setMustExist(true).build();
        if (repo.isBare() || repo.getWorkTree() == null) {
            repo.close();
            return Optional.empty();
        }
        Path top = repo.getWorkTree().toPath().toRealPath();
        Path real = dir.toRealPath();
        if (!real.startsWith(top) || real.equals(top)) {
            repo.close();
            return Optional.empty();
        }
        return Optional.of(new Proposals(repo, top.relativize(real).toString().replace('\\', '/')));
    }

    /** The rules folder's path inside the repository ({@code rules}). */
    public String rulesPath() {
        return rulesPath;
    }

    /** The local git identity (user.name and user.email), as git would sign a commit here; null parts if unset. */
    public PersonIdent localIdentity() {
        var c = repo.getConfig();
        return new PersonIdent(String.valueOf(c.getString("user", null, "name")),
                String.valueOf(c.getString("user", null, "email")));
    }

    /** Files under the rules folder that differ from HEAD (changed, added, removed, untracked), sorted. */
    public List<String> uncommitted() throws IOException {
        try (Git git = new Git(repo)) {
            Status s = git.status().addPath(rulesPath).call();
            java.util.TreeSet<String> out = new java.util.TreeSet<>();
            out.addAll(s.getModified());
            out.addAll(s.getChanged());
            out.addAll(s.getAdded());
            out.addAll(s.getRemoved());
            out.addAll(s.getMissing());
            out.addAll(s.getUntracked());
            out.addAll(s.getConflicting());
            return List.copyOf(out);
        } catch (GitAPIException e) {
            throw new IOException("git status of " + rulesPath + " failed: " + e.getMessage(), e);
        }
    }

    /** Where the rules in use come from. */
    public Provenance provenance() throws IOException {
        ObjectId head = repo.resolve(Constants.HEAD);
        if (head == null) return new Provenance(repo.getBranch(), null, "no commit yet", null, null, uncommitted());
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(head);
            String msg = c.getFullMessage();
            Integer proposal = trailer(msg, "Proposal").map(Integer::valueOf).orElse(null);
            return new Provenance(repo.getBranch(), head.name(), c.getShortMessage(),
                    trailer(msg, "Approved-by").isPresent() ? proposal : null, trailer(msg, "Approved-by").orElse(null),
                    uncommitted());
        }
    }

    /**
     * Makes a proposal: one commit on a new branch whose parent is HEAD, with HEAD's tree and these files (paths
     * relative to the rules folder, each with its whole new text) changed. Refused when the rules folder has
     * uncommitted changes (the dry run's rules would not be HEAD's), when a path leaves the rules folder, or when
     * nothing would change.
     */
    public Proposal propose(Person author, String reason, Map<String, String> files, String dryRunSummary)
            throws IOException, Refused {
        if (reason == null || reason.isBlank()) throw new Refused("expected a reason for the change; found none");
        List<String> dirty = uncommitted();
        if (!dirty.isEmpty()) {
            throw new Refused("the rules in use have uncommitted changes (" + String.join(", ", dirty) + "); a proposal "
                    + "is made from committed rules only: commit or discard those first");
        }
        ObjectId head = repo.resolve(Constants.HEAD);
        if (head == null) throw new Refused("the repository has no commit yet; commit the rules first");
        Map<String, String> byPath = new LinkedHashMap<>();
        for (var e : files.entrySet()) {
            String rel = e.getKey().replace('\\', '/');
            if (rel.isEmpty() || rel.startsWith("/") || rel.contains("..") || rel.contains("//")) {
                throw new Refused("expected a file inside the rules folder; found '" + rel + "'");
            }
            byPath.put(rulesPath + "/" + rel, e.getValue());
        }
        int number = nextNumber();
        String title = firstLine(reason);
        String branch = "proposals/" + number + "-" + slug(title);
        PersonIdent who = ident(author);
        try (RevWalk walk = new RevWalk(repo); ObjectInserter ins = repo.newObjectInserter()) {
            RevCommit base = walk.parseCommit(head);
            ObjectId tree = treeWith(base, byPath, ins);
            if (tree.equals(base.getTree().getId())) throw new Refused("nothing would change: the files are as committed");
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(tree);
            cb.setParentId(base);
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage("Proposal " + number + ": " + title + "\n\n" + reason.strip() + "\n\n"
                    + (dryRunSummary == null || dryRunSummary.isBlank() ? "" : "Dry run\n" + dryRunSummary.strip() + "\n\n")
                    + "Proposal: " + number + "\nProposed-by: " + author.ident() + "\nProposed-by-login: " + author.login()
                    + "\n");
            ObjectId commit = ins.insert(cb);
            ins.flush();
            RefUpdate ru = repo.updateRef(Constants.R_HEADS + branch);
            ru.setNewObjectId(commit);
            ru.setExpectedOldObjectId(ObjectId.zeroId());
            ru.setRefLogMessage("proposal " + number + " by " + author.login(), false);
            RefUpdate.Result r = ru.update(walk);
            if (r != RefUpdate.Result.NEW) throw new IOException("could not create the branch " + branch + " (" + r + ")");
            return get(number).orElseThrow();
        }
    }

    /** HEAD's tree with the given whole files (path in the repository → text) written over it, as a new tree. */
    private ObjectId treeWith(RevCommit base, Map<String, String> files, ObjectInserter ins) throws IOException {
        DirCache dc = DirCache.newInCore();
        DirCacheBuilder b = dc.builder();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(base.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                if (files.containsKey(tw.getPathString())) continue;
                DirCacheEntry e = new DirCacheEntry(tw.getPathString());
                e.setFileMode(tw.getFileMode(0));
                e.setObjectId(tw.getObjectId(0));
                b.add(e);
            }
        }
        for (var f : files.entrySet()) {
            DirCacheEntry e = new DirCacheEntry(f.getKey());
            e.setFileMode(FileMode.REGULAR_FILE);
            e.setObjectId(ins.insert(Constants.OBJ_BLOB, f.getValue().getBytes(StandardCharsets.UTF_8)));
            b.add(e);
        }
        b.finish();
        return dc.writeTree(ins);
    }

    /** Every proposal, newest first. */
    public List<Proposal> list() throws IOException {
        List<Proposal> out = new ArrayList<>();
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(PREFIX)) {
            Matcher m = NUMBER.matcher(Repository.shortenRefName(ref.getName()));
            if (m.matches()) read(Integer.parseInt(m.group(1)), ref).ifPresent(out::add);
        }
        out.sort(Comparator.comparingInt(Proposal::number).reversed());
        return out;
    }

    public Optional<Proposal> get(int number) throws IOException {
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(PREFIX + number + "-")) {
            return read(number, ref);
        }
        return Optional.empty();
    }

    private Optional<Proposal> read(int number, Ref ref) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit tip = walk.parseCommit(ref.getObjectId());
            RevCommit proposal = tip;
            String rejectedBy = trailer(tip.getFullMessage(), "Rejected-by").orElse(null);
            String decision = null;
            if (rejectedBy != null) {
                decision = tip.getFullMessage().lines().skip(2).takeWhile(l -> !l.startsWith("Proposal: "))
                        .reduce((a, b) -> a + "\n" + b).orElse("").strip();
                proposal = walk.parseCommit(tip.getParent(0));
            }
            String msg = proposal.getFullMessage();
            ObjectId head = repo.resolve(Constants.HEAD);
            State state = rejectedBy != null ? State.REJECTED : State.OPEN;
            String approvedBy = null;
            if (rejectedBy == null && head != null) {
                RevCommit h = walk.parseCommit(head);
                if (walk.isMergedInto(walk.parseCommit(proposal), h)) {
                    state = State.APPROVED;
                    approvedBy = approver(walk, h, number);
                }
            }
            String reason = msg.lines().skip(2).takeWhile(l -> !l.equals("Dry run") && !l.startsWith("Proposal: "))
                    .reduce((a, b) -> a + "\n" + b).orElse("").strip();
            return Optional.of(new Proposal(number, Repository.shortenRefName(ref.getName()),
                    firstLine(msg).replaceFirst("^Proposal \\d+: ", ""), reason,
                    proposal.getAuthorIdent().getName(), trailer(msg, "Proposed-by-login").orElse(""),
                    proposal.getAuthorIdent().getName() + " <" + proposal.getAuthorIdent().getEmailAddress() + ">",
                    proposal.getAuthorIdent().getWhenAsInstant(), state,
                    rejectedBy != null ? rejectedBy : approvedBy, decision, tip.name(),
                    proposal.getParentCount() > 0 ? proposal.getParent(0).name() : null, msg));
        }
    }

    /** Who approved a proposal: the merge commit on HEAD's first-parent line that names it. */
    private static String approver(RevWalk walk, RevCommit head, int number) throws IOException {
        RevCommit c = head;
        for (int i = 0; c != null && i < 2000; i++) {
            String msg = c.getFullMessage();
            if (trailer(msg, "Proposal").map(n -> n.equals(String.valueOf(number))).orElse(false)
                    && trailer(msg, "Approved-by").isPresent()) {
                return trailer(msg, "Approved-by").get();
            }
            c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
        }
        return "merged outside the workbench";
    }

    /** The proposal's changes to the rules folder as a unified diff (what the reviewer reads). */
    public String diff(Proposal p) throws IOException {
        try (RevWalk walk = new RevWalk(repo); ByteArrayOutputStream out = new ByteArrayOutputStream();
             DiffFormatter f = new DiffFormatter(out)) {
            RevCommit proposal = walk.parseCommit(ObjectId.fromString(p.state() == State.REJECTED
                    ? walk.parseCommit(ObjectId.fromString(p.tip())).getParent(0).name() : p.tip()));
            RevCommit base = walk.parseCommit(proposal.getParent(0));
            f.setRepository(repo);
            f.setPathFilter(PathFilter.create(rulesPath));
            for (DiffEntry d : f.scan(base.getTree(), proposal.getTree())) f.format(d);
            f.flush();
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** The files a proposal changes, relative to the rules folder, with their proposed text. */
    public Map<String, String> files(Proposal p) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            RevCommit proposal = walk.parseCommit(ObjectId.fromString(p.tip()));
            if (p.state() == State.REJECTED) proposal = walk.parseCommit(proposal.getParent(0));
            RevCommit base = walk.parseCommit(proposal.getParent(0));
            try (DiffFormatter f = new DiffFormatter(java.io.OutputStream.nullOutputStream())) {
                f.setRepository(repo);
                f.setPathFilter(PathFilter.create(rulesPath));
                for (DiffEntry d : f.scan(base.getTree(), proposal.getTree())) {
                    if (d.getChangeType() == DiffEntry.ChangeType.DELETE) continue;
                    out.put(d.getNewPath().substring(rulesPath.length() + 1),
                            new String(reader.open(d.getNewId().toObjectId()).getBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    /**
     * Approves an open proposal: merges it into the checked-out branch with a merge commit authored by the approver,
     * and writes the merged files into the working tree and index. Refused to the proposal's author, for a proposal
     * that is not open, while the rules folder has uncommitted changes, on a detached HEAD, and when the proposal's
     * changes conflict with what was committed since it was made. Returns the merge commit.
     */
    public String approve(Person approver, int number) throws IOException, Refused {
        Proposal p = get(number).orElseThrow(() -> new Refused("no proposal " + number));
        if (p.state() != State.OPEN) throw new Refused("proposal " + number + " is already " + p.state().name().toLowerCase()
                + (p.decidedBy() == null ? "" : " (by " + p.decidedBy() + ")"));
        if (p.authorLogin().equals(approver.login())) {
            throw new Refused("proposal " + number + " was proposed by " + p.authorIdent() + ", who is you: a proposal is "
                    + "approved by someone other than its author");
        }
        List<String> dirty = uncommitted();
        if (!dirty.isEmpty()) throw new Refused("the rules in use have uncommitted changes (" + String.join(", ", dirty)
                + "); commit or discard them before approving");
        String branch = repo.getFullBranch();
        if (branch == null || !branch.startsWith(Constants.R_HEADS)) {
            throw new Refused("the working tree is not on a branch (detached HEAD); check out a branch to approve into");
        }
        PersonIdent who = ident(approver);
        try (RevWalk walk = new RevWalk(repo); ObjectInserter ins = repo.newObjectInserter()) {
            RevCommit head = walk.parseCommit(repo.resolve(Constants.HEAD));
            RevCommit tip = walk.parseCommit(ObjectId.fromString(p.tip()));
            ObjectId tree;
            if (walk.isMergedInto(head, tip)) {
                tree = tip.getTree().getId(); // nothing committed since: the proposal's tree as it is
            } else {
                ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo, true);
                if (!merger.merge(head, tip)) {
                    throw new Refused("the rules changed since proposal " + number + " was made, and the same lines were "
                            + "changed (" + String.join(", ", merger.getUnmergedPaths()) + "); nothing was merged: "
                            + "propose the change again from the rules as they stand");
                }
                tree = merger.getResultTreeId();
                if (tree.equals(head.getTree().getId())) {
                    // Both sides made the same change: merging would record an approval that changes nothing, under a
                    // dry run that no longer describes it.
                    throw new Refused("proposal " + number + " would change nothing: the rules as they stand already "
                            + "hold its change (made since it was proposed); nothing was merged: reject it with that "
                            + "reason");
                }
            }
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(tree);
            cb.setParentIds(head, tip);
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage("Approve proposal " + number + ": " + p.title() + "\n\nApproved by " + approver.ident()
                    + "; proposed by " + p.authorIdent() + ".\n\nProposal: " + number + "\nApproved-by: "
                    + approver.ident() + "\nApproved-by-login: " + approver.login() + "\n");
            ObjectId merge = ins.insert(cb);
            ins.flush();
            // The working tree and index first (refused, changing nothing, if a file in the way differs), then the branch.
            DirCache dc = repo.lockDirCache();
            try {
                DirCacheCheckout co = new DirCacheCheckout(repo, head.getTree(), dc, walk.parseTree(tree));
                co.setFailOnConflict(true);
                co.checkout();
            } catch (org.eclipse.jgit.errors.CheckoutConflictException e) {
                throw new Refused("files in the working tree differ from what is committed and would be overwritten ("
                        + String.join(", ", e.getConflictingFiles()) + "); nothing was merged");
            } finally {
                dc.unlock();
            }
            RefUpdate ru = repo.updateRef(branch);
            ru.setNewObjectId(merge);
            ru.setExpectedOldObjectId(head);
            ru.setRefLogMessage("approve proposal " + number + " by " + approver.login(), false);
            RefUpdate.Result r = ru.update(walk);
            if (r != RefUpdate.Result.FAST_FORWARD && r != RefUpdate.Result.NEW) {
                throw new IOException("the branch " + branch + " could not be moved to the approval (" + r + ")");
            }
            return merge.name();
        }
    }

    /**
     * Rejects an open proposal: a commit on its branch, authored by the one who rejects it, with the reason and the
     * proposal's own files (so the branch keeps the proposal and the decision). Refused without a reason, or to the
     * author (who may propose again instead).
     */
    public void reject(Person approver, int number, String reason) throws IOException, Refused {
        if (reason == null || reason.isBlank()) throw new Refused("expected a reason for rejecting; found none");
        Proposal p = get(number).orElseThrow(() -> new Refused("no proposal " + number));
        if (p.state() != State.OPEN) throw new Refused("proposal " + number + " is already "
                + p.state().name().toLowerCase());
        if (p.authorLogin().equals(approver.login())) {
            throw new Refused("proposal " + number + " was proposed by " + approver.login() + ": it is decided by "
                    + "someone other than its author");
        }
        PersonIdent who = ident(approver);
        try (RevWalk walk = new RevWalk(repo); ObjectInserter ins = repo.newObjectInserter()) {
            RevCommit tip = walk.parseCommit(ObjectId.fromString(p.tip()));
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(tip.getTree());
            cb.setParentId(tip);
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage("Reject proposal " + number + ": " + p.title() + "\n\n" + reason.strip() + "\n\nProposal: "
                    + number + "\nRejected-by: " + approver.ident() + "\n");
            ObjectId commit = ins.insert(cb);
            ins.flush();
            RefUpdate ru = repo.updateRef(Constants.R_HEADS + p.branch());
            ru.setNewObjectId(commit);
            ru.setExpectedOldObjectId(tip);
            RefUpdate.Result r = ru.update(walk);
            if (r != RefUpdate.Result.FAST_FORWARD) throw new IOException("could not record the rejection (" + r + ")");
        }
    }

    private int nextNumber() throws IOException {
        int max = 0;
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(PREFIX)) {
            Matcher m = NUMBER.matcher(Repository.shortenRefName(ref.getName()));
            if (m.matches()) max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max + 1;
    }

    private static PersonIdent ident(Person p) {
        return new PersonIdent(p.name(), p.email(), Instant.now(), ZoneOffset.UTC);
    }

    static Optional<String> trailer(String message, String key) {
        String found = null;
        for (String line : message.split("\n")) {
            if (line.startsWith(key + ": ")) found = line.substring(key.length() + 2).strip();
        }
        return Optional.ofNullable(found);
    }

    private static String firstLine(String text) {
        String s = text.strip();
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).strip();
        return line.length() > 72 ? line.substring(0, 71) + "…" : line;
    }

    static String slug(String title) {
        String s = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.length() > 40) s = s.substring(0, 40).replaceAll("-+$", "");
        return s.isEmpty() ? "change" : s;
    }

    @Override
    public void close() {
        repo.close();
    }
}
