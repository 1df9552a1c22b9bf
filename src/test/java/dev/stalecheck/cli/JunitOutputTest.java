package dev.stalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code check --junit}: a JUnit XML report that CI dashboards read, checked by parsing it. */
class JunitOutputTest {
    @TempDir
    Path dir;

    @Test
    void oneTestCasePerConditionFailuresCarryTheCounterexampleAndInputErrorsAreErrors() throws Exception {
        // 01-kvm-flush HOLDS and 01-kvm-invalidate FAILS (hand-derived in their '# verdict:' lines, and golden);
        // the third file has no thread, which is an input error.
        Path bad = Cli.write(dir, "bad.scn", "scenario \"bad\"\nmachine generic { }\nexpect ram[0x0] == 0\n");
        Path xml = dir.resolve("out.xml");
        Cli.Result r = Cli.run("check", "--quiet", "--junit", xml.toString(), "examples/seed/01-kvm-flush.scn",
                "examples/seed/01-kvm-invalidate.scn", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element root = d.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("3");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(3);
        Element holds = (Element) suites.item(0);
        assertThat(holds.getAttribute("name")).isEqualTo("seed-01-kvm-flush");
        assertThat(holds.getElementsByTagName("failure").getLength()).isZero();
        Element fails = (Element) suites.item(1);
        Element testcase = (Element) fails.getElementsByTagName("testcase").item(0);
        assertThat(testcase.getAttribute("name")).isEqualTo("expect kvm.r1 == 0x80003013");
        Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
        assertThat(failure.getTextContent()).contains("shortest execution breaking", "dc ivac",
                "the dirty data is lost");
        Element error = (Element) ((Element) suites.item(2)).getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).contains("bad.scn:1:1:", "has no thread");
        assertThat(Files.readString(xml)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    @Test
    void anUnknownVerdictIsSkippedWithTheReason() throws Exception {
        // One state is not enough to finish any search: the expectation stays UNKNOWN, cut by --max-states.
        Path xml = dir.resolve("cut.xml");
        Cli.Result r = Cli.run("check", "--quiet", "--no-probes", "--max-states", "1", "--junit", xml.toString(),
                "examples/seed/01-kvm-flush.scn");
        assertThat(r.exit()).isEqualTo(3);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element skipped = (Element) d.getElementsByTagName("skipped").item(0);
        assertThat(skipped.getAttribute("message")).startsWith("UNKNOWN: ").contains("max-states");
    }
}
