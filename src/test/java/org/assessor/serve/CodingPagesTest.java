package org.assessor.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coding desk over HTTP: names it did not list are refused, a read-only workbench changes nothing, the live
 * preview answers with the scores a change would give, a sentence the draft left out can be coded after all, and
 * a save that would not load writes nothing.
 */
class CodingPagesTest {
    @TempDir static Path tmp;
    static WorkbenchServer server;
    static WorkbenchServer readOnly;
    static Path desk;

    @BeforeAll
    static void start() throws Exception {
        Path fixtures = tmp.resolve("fixtures");
        org.assessor.TestSupport.copy(Path.of("fixtures/cpft-well-led-2025"), fixtures.resolve("cpft-well-led-2025"));
        desk = tmp.resolve("desk");
        Files.createDirectories(desk.resolve("seed/lead"));
        Files.copy(Path.of("fixtures/cpft-well-led-2025/evidence.json"), desk.resolve("seed/lead/evidence.json"));
        String seed = Files.readString(Path.of("src/test/resources/reports/cpft-well-led-2025.txt"));
        int from = seed.indexOf("Workforce equality, diversity and inclusion\n");
        int to = seed.indexOf("Governance, management and sustainability\n");
        Files.writeString(desk.resolve("edi.txt"), "Report from 17 July 2025 assessment\n\n" + seed.substring(from, to));
        server = start(fixtures, false);
        readOnly = start(fixtures, true);
    }

    private static WorkbenchServer start(Path fixtures, boolean ro) throws Exception {
        Workbench w = new Workbench(Path.of("rules"), fixtures, null, 2, Duration.ofSeconds(60));
        w.reload();
        WorkbenchServer s = new WorkbenchServer(w, "127.0.0.1", 0, ro, 0, desk);
        s.start();
        return s;
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (readOnly != null) readOnly.close();
    }

    private static String token(WorkbenchServer s) throws Exception {
        var m = java.util.regex.Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(WorkbenchTest.get(s, "/desk")
                .body());
        return m.find() ? m.group(1) : "";
    }

    @Test
    void namesTheDeskDidNotListAreRefused() throws Exception {
        assertThat(WorkbenchTest.get(server, "/desk/code?c=..%2Fpom.xml").statusCode()).isEqualTo(400);
        assertThat(WorkbenchTest.get(server, "/desk/code?c=seed%2F..").statusCode()).isEqualTo(400);
        var missing = WorkbenchTest.get(server, "/desk/code?c=seed%2Fnobody");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no coding of &#39;seed&#39; by &#39;nobody&#39; at this desk");
        assertThat(WorkbenchTest.get(server, "/desk/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void aReadOnlyWorkbenchCodesAndSavesNothing() throws Exception {
        var r = WorkbenchTest.post(readOnly, "/desk/save", "token=" + token(readOnly) + "&c=seed%2Flead",
                WorkbenchTest.origin(readOnly));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("nothing can be coded or saved");
        // A form without the token is refused before anything else.
        assertThat(WorkbenchTest.post(server, "/desk/save", "c=seed%2Flead", WorkbenchTest.origin(server)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void thePreviewGivesTheScoresAChangeWouldGiveAndKeepsNothing() throws Exception {
        String form = "token=" + token(server) + "&c=seed%2Flead&i=1&f.direction=positive";
        var r = WorkbenchTest.post(server, "/desk/preview", form, WorkbenchTest.origin(server));
        assertThat(r.statusCode()).isEqualTo(200);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        var shared = json.path("statements").get(0);
        assertThat(shared.path("id").asText()).isEqualTo("shared-direction-and-culture");
        assertThat(shared.path("was").asText()).isEqualTo("1");
        assertThat(shared.path("score").asText()).isNotEqualTo("1");
        // Nothing kept: the page still shows sdc-02 negative.
        assertThat(WorkbenchTest.get(server, "/desk/code?c=seed%2Flead&i=1").body())
                .containsPattern("value=\"negative\"[^>]* checked");
    }

    @Test
    void aSentenceTheDraftLeftOutCanBeCodedAfterAllAndABadSaveWritesNothing() throws Exception {
        String t = token(server);
        var started = WorkbenchTest.post(server, "/desk/start", "token=" + t + "&report=edi&coder=cy",
                WorkbenchTest.origin(server));
        assertThat(started.statusCode()).isEqualTo(303);
        String page = WorkbenchTest.get(server, "/desk/code?c=edi%2Fcy").body();
        var m = java.util.regex.Pattern.compile("name=\"sentence\" value=\"(s\\d+)\"").matcher(page);
        assertThat(m.find()).as("the draft marked a sentence not evidence (the PCREF definition)").isTrue();
        String sentence = m.group(1);
        int before = Integer.parseInt(page.replaceAll("(?s).*?(\\d+) items, .*", "$1"));
        var coded = WorkbenchTest.post(server, "/desk/item", "token=" + t + "&c=edi%2Fcy&action=code&sentence=" + sentence,
                WorkbenchTest.origin(server));
        assertThat(coded.statusCode()).isEqualTo(303);
        String after = WorkbenchTest.get(server, coded.headers().firstValue("Location").orElseThrow()).body();
        assertThat(Integer.parseInt(after.replaceAll("(?s).*?(\\d+) items, .*", "$1"))).isGreaterThan(before);
        assertThat(after).doesNotContain("name=\"sentence\" value=\"" + sentence + "\"");
        // A theme emptied by hand does not load: the save writes nothing and says so beside the item.
        var emptied = WorkbenchTest.post(server, "/desk/item", "token=" + t + "&c=edi%2Fcy&i=0&action=set&f.theme=",
                WorkbenchTest.origin(server));
        assertThat(emptied.statusCode()).isEqualTo(303);
        var save = WorkbenchTest.post(server, "/desk/save", "token=" + t + "&c=edi%2Fcy&i=0", WorkbenchTest.origin(server));
        String shown = WorkbenchTest.get(server, save.headers().firstValue("Location").orElseThrow()).body();
        assertThat(shown).contains("Nothing was saved: 1 problem, each shown beside its item.")
                .containsPattern("Problems of this item:</p><ul><li>line \\d+, column \\d+: expected some text, found an "
                        + "empty string</li>");
        assertThat(desk.resolve("edi/cy/evidence.json")).doesNotExist();
    }
}
