package org.assessor.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.assessor.govern.Passwords;
import org.assessor.govern.Role;
import org.assessor.govern.UsersFile;
import org.assessor.input.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code users add|remove|list}: the people who may sign in to the workbench, kept in a users file
 * ({@code .assessor/users.json} beside the rules folder) with salted bcrypt hashes of their passwords.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Add, remove or list the people who may sign in to the workbench (serve), and their roles: "
                + "viewer, analyst (proposes), approver (approves others' proposals), admin.",
        subcommands = {UsersCommand.Add.class, UsersCommand.Remove.class, UsersCommand.List.class})
public final class UsersCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "expected one of: users add, users remove, users list");
    }

    /** The users file option, shared by the three subcommands. */
    static final class FileOption {
        @Option(names = "--users", paramLabel = "<file>",
                description = "The users file (default: .assessor/users.json beside the rules folder).")
        Path users;

        @Mixin RulesOption rules;

        Path file() {
            return users != null ? users : UsersFile.defaultFile(rules.rules);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a person. The password is asked for twice (not shown), or read from the first line of "
                    + "--password-file; only its bcrypt hash is kept.")
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin FileOption file;

        @Parameters(paramLabel = "<login>", description = "Lower-case letters, digits, '.', '_' or '-'.")
        String login;

        @Option(names = "--name", required = true, description = "Their name, as their git commits will show it.")
        String name;

        @Option(names = "--email", required = true, description = "Their email, as their git commits will show it.")
        String email;

        @Option(names = "--role", required = true, description = "viewer, analyst, approver or admin.")
        String role;

        @Option(names = "--password-file", paramLabel = "<file>",
                description = "Read the password from the first line of this file instead of asking.")
        Path passwordFile;

        @Override
        public Integer call() throws Exception {
            String problem = UsersFile.loginProblem(login);
            if (problem != null) throw new ParameterException(spec.commandLine(), "<login>: " + problem);
            try {
                Role.of(role);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--role: " + e.getMessage());
            }
            if (!email.matches("[^@\\s<>]+@[^@\\s<>]+")) {
                throw new ParameterException(spec.commandLine(), "--email: expected an email address such as "
                        + "alice@example.org; found '" + Problem.visible(email) + "'");
            }
            if (name.isBlank()) throw new ParameterException(spec.commandLine(), "--name: expected a name; found none");
            char[] password = password();
            String refused = Passwords.problem(password);
            if (refused != null) throw new ParameterException(spec.commandLine(), "password: " + refused);
            Path f = file.file();
            UsersFile users = Files.exists(f) ? UsersFile.read(f) : UsersFile.empty(f);
            try {
                users = users.with(new UsersFile.Entry(login, name.strip(), email.strip(), role, Passwords.hash(password)));
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("assessor: " + e.getMessage());
                return Main.PROBLEMS;
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
            users.write();
            spec.commandLine().getOut().println("added " + login + " (" + role + ") to " + f);
            return Main.OK;
        }

        private char[] password() throws java.io.IOException {
            if (passwordFile != null) {
                if (!Files.isRegularFile(passwordFile)) {
                    throw new ParameterException(spec.commandLine(), "--password-file " + passwordFile
                            + ": no such file");
                }
                String first = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
                return first.toCharArray();
            }
            java.io.Console console = System.console();
            if (console == null) {
                throw new ParameterException(spec.commandLine(), "no terminal to ask for the password on; give "
                        + "--password-file <file>");
            }
            char[] first = console.readPassword("password for %s (at least %d characters): ", login, Passwords.MIN_LENGTH);
            char[] again = console.readPassword("the same password again: ");
            if (first == null || again == null || !java.util.Arrays.equals(first, again)) {
                throw new ParameterException(spec.commandLine(), "the two passwords differ; nothing was added");
            }
            return first;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a person; their sessions end at their next request.")
    static final class Remove implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin FileOption file;

        @Parameters(paramLabel = "<login>")
        String login;

        @Override
        public Integer call() throws Exception {
            Path f = file.file();
            if (!Files.exists(f)) {
                spec.commandLine().getErr().println("assessor: no users file " + f + "; nobody to remove");
                return Main.PROBLEMS;
            }
            UsersFile users;
            try {
                users = UsersFile.read(f).without(login);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("assessor: " + e.getMessage());
                return Main.PROBLEMS;
            }
            users.write();
            spec.commandLine().getOut().println("removed " + login + " from " + f);
            return Main.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List each person's login, role, name and email.")
    static final class List implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin FileOption file;

        @Override
        public Integer call() throws Exception {
            Path f = file.file();
            var out = spec.commandLine().getOut();
            if (!Files.exists(f)) {
                out.println("no users file " + f + ": the workbench runs in single-user mode (loopback only, as the "
                        + "local git identity)");
                return Main.OK;
            }
            var entries = UsersFile.read(f).entries();
            for (var e : entries) out.println(e.login() + "\t" + e.role() + "\t" + e.name() + " <" + e.email() + ">");
            out.println(entries.size() + " " + (entries.size() == 1 ? "person" : "people") + " in " + f);
            return Main.OK;
        }
    }
}
