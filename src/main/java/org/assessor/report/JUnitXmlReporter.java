package org.assessor.report;

import org.assessor.casebook.CaseResult;
import java.io.Writer;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes case results as JUnit XML (one testsuite, one testcase per fixture), for CI dashboards. No timings. */
public final class JUnitXmlReporter {
    /** Writes the results; an XML failure is reported as an I/O problem of the output. */
    public void render(List<CaseResult> results, Writer out) throws java.io.IOException {
        try {
            write(results, out);
        } catch (XMLStreamException e) {
            throw new java.io.IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void write(List<CaseResult> results, Writer out) throws XMLStreamException {
        XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        long failed = results.stream().filter(r -> !r.passed()).count();
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "assessor fixtures");
        x.writeAttribute("tests", String.valueOf(results.size()));
        x.writeAttribute("failures", String.valueOf(failed));
        x.writeAttribute("errors", "0");
        for (CaseResult r : results) {
            x.writeCharacters("\n  ");
            x.writeStartElement("testcase");
            x.writeAttribute("classname", "fixtures");
            x.writeAttribute("name", r.fixture());
            if (!r.passed()) {
                x.writeStartElement("failure");
                String message = r.error() != null ? r.error() : String.join("\n", r.differences());
                x.writeAttribute("message", message.lines().findFirst().orElse(""));
                x.writeCharacters(message);
                x.writeEndElement();
            } else {
                x.writeStartElement("system-out");
                x.writeCharacters(r.proves());
                x.writeEndElement();
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
        x.flush();
    }
}
