package dev.stalecheck.report;

import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.result.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The results of {@code check} as JUnit XML, the format Jenkins, GitLab and GitHub read: one test suite per scenario
 * file, one test case per condition. {@code FAILS} is a failure carrying the full text report (with the shortest
 * execution); {@code UNKNOWN} is skipped with the reason; an input error is an error of a test case named after the
 * file. {@code HOLDS}, {@code REACHABLE} and {@code UNREACHABLE} pass (an {@code exists} is a question, as in the exit
 * code). JSON stays the machine contract; this is for CI dashboards.
 */
public final class JunitReport {
    /** One scenario file's part: its result, or the input error that stopped it. */
    public record Entry(String file, ScenarioResult result, String error) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a checked scenario. */
    public void add(ScenarioResult result) {
        entries.add(new Entry(result.scenario().file(), result, null));
    }

    /** Adds a file that could not be checked, with its message. */
    public void addError(String file, String message) {
        entries.add(new Entry(file, null, message));
    }

    /** The XML document. */
    public String render() {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "stalecheck check");
            w.writeAttribute("tests", Integer.toString(count(null)));
            w.writeAttribute("failures", Integer.toString(count(Verdict.FAILS)));
            w.writeAttribute("errors", Long.toString(entries.stream().filter(e -> e.error() != null).count()));
            w.writeAttribute("skipped", Integer.toString(count(Verdict.UNKNOWN)));
            w.writeCharacters("\n");
            for (Entry e : entries) {
                if (e.error() != null) {
                    writeError(w, e);
                } else {
                    writeSuite(w, e.result());
                }
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException ex) {
            throw new IllegalStateException("writing JUnit XML to a string failed", ex);
        }
        return text.toString();
    }

    /** Test cases in all: conditions, plus one per input error ({@code verdict} null), or those with a verdict. */
    private int count(Verdict verdict) {
        int n = 0;
        for (Entry e : entries) {
            if (e.result() == null) {
                n += verdict == null ? 1 : 0;
                continue;
            }
            for (ConditionResult c : e.result().results()) {
                n += verdict == null || c.verdict() == verdict ? 1 : 0;
            }
        }
        return n;
    }

    private static void writeSuite(XMLStreamWriter w, ScenarioResult r) throws XMLStreamException {
        List<ConditionResult> cs = r.results();
        w.writeStartElement("testsuite");
        w.writeAttribute("name", r.scenario().name());
        w.writeAttribute("file", r.scenario().file());
        w.writeAttribute("tests", Integer.toString(cs.size()));
        w.writeAttribute("failures", Long.toString(cs.stream().filter(c -> c.verdict() == Verdict.FAILS).count()));
        w.writeAttribute("errors", "0");
        w.writeAttribute("skipped", Long.toString(cs.stream().filter(c -> c.verdict() == Verdict.UNKNOWN).count()));
        w.writeCharacters("\n");
        String report = null;
        for (ConditionResult c : cs) {
            w.writeStartElement("testcase");
            w.writeAttribute("classname", r.scenario().file());
            w.writeAttribute("name", c.keyword() + " " + c.condition());
            switch (c.verdict()) {
                case FAILS -> {
                    if (report == null) {
                        report = textOf(r);
                    }
                    w.writeStartElement("failure");
                    w.writeAttribute("type", "FAILS");
                    w.writeAttribute("message", "an execution of the model breaks it (the shortest is in the report)");
                    w.writeCharacters(report);
                    w.writeEndElement();
                }
                case UNKNOWN -> {
                    w.writeEmptyElement("skipped");
                    w.writeAttribute("message", "UNKNOWN: the search was cut short by " + r.search().cut().word()
                            + " after " + r.states() + " states");
                }
                case HOLDS, REACHABLE, UNREACHABLE -> {
                    w.writeStartElement("system-out");
                    w.writeCharacters(c.verdict().name());
                    w.writeEndElement();
                }
            }
            w.writeEndElement();
            w.writeCharacters("\n");
        }
        w.writeEndElement();
        w.writeCharacters("\n");
    }

    private static void writeError(XMLStreamWriter w, Entry e) throws XMLStreamException {
        w.writeStartElement("testsuite");
        w.writeAttribute("name", e.file());
        w.writeAttribute("file", e.file());
        w.writeAttribute("tests", "1");
        w.writeAttribute("failures", "0");
        w.writeAttribute("errors", "1");
        w.writeAttribute("skipped", "0");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", e.file());
        w.writeAttribute("name", "load " + e.file());
        w.writeEmptyElement("error");
        w.writeAttribute("type", "input error");
        w.writeAttribute("message", e.error());
        w.writeEndElement();
        w.writeEndElement();
        w.writeCharacters("\n");
    }

    private static String textOf(ScenarioResult r) {
        StringWriter s = new StringWriter();
        new TextReport(new PrintWriter(s)).print(r);
        return s.toString();
    }
}
