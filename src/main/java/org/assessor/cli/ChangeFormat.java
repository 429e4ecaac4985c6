package org.assessor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.assessor.report.ChangeReporter;

/** The formats diff and what-if print in; html is not one of them, so picocli refuses it as a usage error. */
public enum ChangeFormat {
    text, json;

    void render(ChangeReporter.ChangeSet set, PrintWriter out) throws IOException {
        if (this == json) new ChangeReporter().json(set, out);
        else new ChangeReporter().text(set, out);
    }
}
