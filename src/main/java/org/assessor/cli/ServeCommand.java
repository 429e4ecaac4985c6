package org.assessor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.assessor.input.Problem;
import org.assessor.serve.Workbench;
import org.assessor.serve.WorkbenchServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code serve}: the workbench, a resident web server over a portfolio, its explanations and policy dry runs. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the workbench: browse the portfolio's ratings, read any explanation, dry-run a policy "
                + "change and see who moves. Listens on 127.0.0.1 only unless --host is given; stop it with Ctrl-C.")
public final class ServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RulesOption rules;

    @Option(names = "--fixtures", paramLabel = "<folder-or-jsonl>", defaultValue = "fixtures",
            description = "The portfolio: a folder of fixtures, or a JSON Lines file of assessments such as 'generate' "
                    + "writes (default: ${DEFAULT-VALUE}).")
    Path fixtures;

    @Option(names = "--results", paramLabel = "<file.jsonl>",
            description = "Also show the results an 'evaluate --out' batch saved (shown as saved, not evaluated again).")
    Path results;

    @Option(names = "--port", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only). Any other address "
                    + "lets other machines reach it: without a users file they act as you.")
    String host;

    @Option(names = "--users", paramLabel = "<file>",
            description = "The users file ('assessor users add' writes it; default: .assessor/users.json beside the "
                    + "rules folder). With it, people sign in and have roles; without it, single-user mode.")
    Path users;

    @Option(names = "--audit", paramLabel = "<file>",
            description = "The audit trail, appended to (default: .assessor/audit.jsonl beside the rules folder).")
    Path audit;

    @Option(names = "--desk", paramLabel = "<folder>", defaultValue = "desk",
            description = "The coding desk: a folder of reports (.txt, .html, .pdf) and their codings, for the Coding "
                    + "pages (default: ${DEFAULT-VALUE}).")
    Path desk;

    @Option(names = "--read-only", description = "Hide and refuse saving register values (dry runs still work).")
    boolean readOnly;

    @Option(names = "--threads", defaultValue = "0",
            description = "Threads that evaluate the portfolio (default: one per processor).")
    int threads;

    @Option(names = "--watch-interval", paramLabel = "<ms>", defaultValue = "250",
            description = "How often to look for changed rules and fixtures, in milliseconds (0: never; default: ${DEFAULT-VALUE}).")
    long watchMillis;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new ParameterException(spec.commandLine(), "--port must be 0 to 65535, found " + port);
        if (threads < 0) throw new ParameterException(spec.commandLine(), "--threads must be 0 or more, found " + threads);
        if (watchMillis < 0) throw new ParameterException(spec.commandLine(), "--watch-interval must be 0 or more, found " + watchMillis);
        if (!Files.exists(fixtures)) {
            throw new ParameterException(spec.commandLine(), "--fixtures " + Problem.visible(fixtures.toString())
                    + ": no such folder or file; expected a folder of fixtures or a JSON Lines file");
        }
        try {
            java.net.InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--host " + Problem.visible(host)
                    + ": no such address; expected an address of this machine, such as 127.0.0.1");
        }
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
        Path usersFile = users != null ? users : org.assessor.govern.UsersFile.defaultFile(rules.rules);
        if (users != null && !Files.isRegularFile(users)) {
            throw new ParameterException(spec.commandLine(), "--users " + Problem.visible(users.toString())
                    + ": no such file; add people with 'assessor users add <login> --users " + users + " …'");
        }
        org.assessor.govern.Access access = Files.isRegularFile(usersFile)
                ? org.assessor.govern.Access.withUsers(usersFile, java.time.Clock.systemUTC()) : null;
        if (!loopback && access == null) {
            err.println("assessor: warning: listening on " + host + " with no users file: anyone who reaches this address "
                    + "acts as you (the local git identity), and can propose changes in your name; add people with "
                    + "'assessor users add'" + (readOnly ? "" : " (or use --read-only)"));
        } else if (!loopback) {
            err.println("assessor: warning: listening on " + host + " over plain HTTP: passwords and session cookies "
                    + "cross the network unencrypted; put the workbench behind a proxy that serves HTTPS");
        }
        org.assessor.govern.AuditLog auditLog = new org.assessor.govern.AuditLog(audit != null ? audit
                : org.assessor.govern.UsersFile.stateFolder(rules.rules).resolve("audit.jsonl"), java.time.Clock.systemUTC());
        Workbench workbench = new Workbench(rules.rules, fixtures, results,
                threads == 0 ? Runtime.getRuntime().availableProcessors() : threads, Duration.ofSeconds(60));
        WorkbenchServer started;
        try {
            started = new WorkbenchServer(workbench, host, port, readOnly, watchMillis, access, auditLog, desk);
        } catch (java.net.BindException e) {
            workbench.close();
            err.println("assessor: cannot listen on " + host + ":" + port + " (" + e.getMessage() + "): another program "
                    + "may be using the port; choose another with --port, or --port 0 for any free one");
            return Main.PROBLEMS;
        } catch (java.net.SocketException e) {
            workbench.close();
            err.println("assessor: cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); expected an "
                    + "address of this machine, such as 127.0.0.1");
            return Main.PROBLEMS;
        }
        try (WorkbenchServer server = started) {
            // The port answers before the (slower) first evaluation: until it has finished, every page says how far it
            // has got, and rules that never return are reported as such rather than keeping the port silent.
            server.start();
            out.println("assessor: workbench on " + server.url() + (readOnly ? " (read-only)" : "")
                    + "; compiling the rules and evaluating the portfolio (the pages say how far it has got)...");
            out.flush();
            workbench.reload();
            workbench.problems().forEach(p -> err.println(p));
            if (workbench.snapshot() == null) {
                err.println("assessor: the workbench runs anyway and shows these problems; fix them and it reloads");
            }
            var s = workbench.snapshot();
            out.println("assessor: " + (s == null ? 0 : s.items().size()) + " assessments evaluated"
                    + (access == null ? "; single-user mode, as the local git identity" : "; sign-in with the people of "
                    + usersFile) + "; stop the workbench with Ctrl-C");
            out.flush();
            Main.endsWhenStopped();
            new CountDownLatch(1).await();
        }
        return Main.OK;
    }
}
