package org.assessor.serve;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Notices changes under the rules and fixtures folders by polling: each pass hashes every file's path, size and
 * modification time (a few hundred files, well under a millisecond each), and a difference from the last pass
 * reloads the workbench. Polling, not the operating system's file events: those miss changes inside folders created
 * after the watch began and behave differently from one system to another.
 */
final class Watcher implements AutoCloseable {
    private final Workbench workbench;
    private final Thread thread;
    private volatile boolean running = true;

    Watcher(Workbench workbench, long intervalMillis) {
        this.workbench = workbench;
        this.thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(intervalMillis);
                    workbench.reloadIfChanged();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // A reload that failed keeps its problems in the workbench; the watcher carries on.
                }
            }
        }, "workbench-watcher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    /**
     * Whether a file is one the workbench reads: rules, register, framework and fixture files by their extension, as
     * the loaders find them (hidden ones too, since the loaders read those); an editor's swap or backup file
     * ({@code .x.drl.swp}, {@code x.drl~}) has another ending and is not.
     */
    static boolean read(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".drl") || name.endsWith(".csv") || name.endsWith(".json") || name.endsWith(".jsonl");
    }

    /**
     * A digest of the path, size and modification time of every file the workbench reads under the given files or
     * folders (a file given itself always counts).
     */
    static String stamp(List<Path> roots) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<String> lines = new java.util.ArrayList<>();
            for (Path root : roots) {
                if (!Files.exists(root)) {
                    lines.add("missing " + root);
                    continue;
                }
                boolean single = Files.isRegularFile(root);
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                        if (single || read(file)) {
                            lines.add(file + "\0" + a.size() + "\0" + a.lastModifiedTime().toMillis());
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        lines.add("unreadable " + file);
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
            java.util.Collections.sort(lines);
            for (String l : lines) md.update((l + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return "unreadable " + e.getMessage();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
