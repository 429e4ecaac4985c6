package org.assessor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.assessor.report.JsonReporter;
import org.assessor.result.Result;
import org.assessor.report.TextReporter;

/** The report formats a command can print. */
public enum Format {
    text, json, html;

    void render(Result r, PrintWriter out) throws IOException {
        switch (this) {
            case text -> new TextReporter().render(r, out);
            case json -> new JsonReporter().render(r, out);
            case html -> throw new IllegalStateException("html needs an explanation; see EvaluateCommand");
        }
    }
}
