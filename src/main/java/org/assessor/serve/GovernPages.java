package org.assessor.serve;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.assessor.batch.BatchWriter;
import org.assessor.govern.AuditLog;
import org.assessor.govern.Proposals;
import org.assessor.govern.Role;

/** Sign-in, the proposals (list, review, approve or reject) and the audit trail. */
final class GovernPages {
    private final Pages layout;
    private final Proposals proposals;
    private final AuditLog audit;

    GovernPages(Pages layout, Proposals proposals, AuditLog audit) {
        this.layout = layout;
        this.proposals = proposals;
        this.audit = audit;
    }

    String signIn(String refusal, String login, String next) {
        Map<String, Object> m = layout.page("Sign in", "");
        m.put("refusal", refusal);
        m.put("login", login);
        m.put("next", next);
        return WorkbenchServer.render("sign-in", m);
    }

    String list(String message) {
        Map<String, Object> m = layout.page("Proposals", "Proposals");
        m.put("message", message);
        if (proposals == null) {
            m.put("noGit", "The rules folder " + layout.workbench.rules() + " is not in a git working tree: changes cannot "
                    + "be proposed or approved here, since a proposal is a commit.");
            return WorkbenchServer.render("proposals", m);
        }
        try {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (var p : proposals.list()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("p", p);
                r.put("href", "/proposal?n=" + p.number());
                r.put("state", state(p));
                r.put("when", p.when().toString().replace('T', ' ').replace("Z", " UTC"));
                rows.add(r);
            }
            m.put("proposals", rows);
            m.put("none", rows.isEmpty());
        } catch (IOException e) {
            m.put("noGit", "The proposals could not be read from git: " + e.getMessage());
        }
        return WorkbenchServer.render("proposals", m);
    }

    private static String state(Proposals.Proposal p) {
        return switch (p.state()) {
            case OPEN -> "open: waiting for an approver";
            case APPROVED -> "approved by " + p.decidedBy();
            case REJECTED -> "rejected by " + p.decidedBy();
        };
    }

    /** One proposal for review: who and why, the change to each file, the dry run, and the forms to decide it. */
    String view(int number, String refusal) {
        if (proposals == null) throw new Http.Refused(404, "no proposals: the rules folder is not in a git working tree");
        Proposals.Proposal p;
        String diff;
        try {
            p = proposals.get(number).orElseThrow(() -> new Http.Refused(404, "no proposal " + number));
            diff = proposals.diff(p);
        } catch (IOException e) {
            throw new Http.Refused(500, "the proposal could not be read from git: " + e.getMessage());
        }
        Map<String, Object> m = layout.page("Proposal " + number + ": " + p.title(), "Proposals");
        m.put("p", p);
        m.put("state", state(p));
        m.put("when", p.when().toString().replace('T', ' ').replace("Z", " UTC"));
        m.put("refusal", refusal);
        m.put("diff", diff);
        String msg = p.message();
        int dry = msg.indexOf("\nDry run\n");
        int end = msg.indexOf("\nProposal: ");
        m.put("dryRun", dry < 0 ? "(no dry run was recorded)" : msg.substring(dry + 9, end < dry ? msg.length() : end).strip());
        m.put("decision", p.decision());
        var who = layout.person();
        boolean open = p.state() == Proposals.State.OPEN;
        boolean own = who != null && who.login().equals(p.authorLogin());
        m.put("canDecide", open && !own && who != null && who.may(Role.APPROVER) && !layout.readOnly);
        m.put("own", open && own ? (layout.access.singleUser() ? "You proposed this change. In single-user mode no one else "
                + "can approve it here: its branch waits for review in git, or for a workbench with people (a users file)."
                : "You proposed this change: someone else with the approver role decides it.") : null);
        return WorkbenchServer.render("proposal", m);
    }

    String audit() {
        Map<String, Object> m = layout.page("Audit trail", "Audit trail");
        AuditLog.Trail t = audit.read();
        List<AuditLog.Entry> newest = new ArrayList<>(t.entries());
        java.util.Collections.reverse(newest);
        m.put("entries", newest.stream().limit(500).toList());
        m.put("count", t.entries().size());
        m.put("file", audit.file().toString());
        m.put("broken", t.broken());
        return WorkbenchServer.render("audit", m);
    }

    String auditCsv() throws IOException {
        AuditLog.Trail t = audit.read();
        StringWriter out = new StringWriter();
        out.write(PortfolioPages.BOM);
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            csv.printRecord("seq", "at", "who", "action", "detail", "chain");
            for (AuditLog.Entry e : t.entries()) {
                csv.printRecord(e.seq(), e.at(), BatchWriter.cell(e.who()), BatchWriter.cell(e.action()),
                        BatchWriter.cell(e.detail()), t.intact() ? "intact" : "broken at line " + t.brokenAt());
            }
        }
        return out.toString();
    }
}
