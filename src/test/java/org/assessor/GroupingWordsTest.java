package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.assessor.ruleset.Framework;
import org.assessor.ruleset.GroupingWords;
import org.junit.jupiter.api.Test;

/**
 * The shared rules say "key question" for the grouping level; shown for a framework with its own word, the text takes
 * that word, in the forms the rules use, and a provider's text is unchanged.
 */
class GroupingWordsTest {
    private static final GroupingWords THEME = new GroupingWords("theme", "themes");

    @Test
    void everyFormTheRulesUseTakesTheFrameworksWord() {
        assertThat(THEME.say("A key question in the Good band with a statement of significant shortfalls is limited"))
                .isEqualTo("A theme in the Good band with a statement of significant shortfalls is limited");
        assertThat(THEME.say("A breach of regulations caps its key question at Requires improvement"))
                .isEqualTo("A breach of regulations caps its theme at Requires improvement");
        assertThat(THEME.say("Key questions not reassessed keep their previous rating"))
                .isEqualTo("Themes not reassessed keep their previous rating");
        assertThat(THEME.say("Key-question ratings are counted; a key-question rating recorded as judgement"))
                .isEqualTo("Theme ratings are counted; a theme rating recorded as judgement");
        assertThat(THEME.say("based on the previous rating for the key question (Good; carry.score.good)"))
                .isEqualTo("based on the previous rating for the theme (Good; carry.score.good)");
        assertThat(THEME.say("1 key question(s) Inadequate")).isEqualTo("1 theme(s) Inadequate");
        // "a" or "an" agrees with the new word; a word that only contains the phrase is left alone.
        assertThat(new GroupingWords("area", "areas").say("A key question's score; a key question"))
                .isEqualTo("An area's score; an area");
        assertThat(THEME.say("monkey questions")).isEqualTo("monkey questions");
        assertThat(THEME.say(null)).isNull();
    }

    @Test
    void eachShippedFrameworkSaysItsOwnWord() throws Exception {
        String name = "A key question in the Outstanding band with a statement of shortfalls is limited to Good";
        assertThat(Framework.load(Path.of("rules")).inOwnWords(name)).isEqualTo(name);
        assertThat(Framework.load(Path.of("rules"), "local-authority").inOwnWords(name))
                .isEqualTo("A theme in the Outstanding band with a statement of shortfalls is limited to Good");
    }
}
