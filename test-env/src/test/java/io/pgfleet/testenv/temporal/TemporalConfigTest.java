package io.pgfleet.testenv.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.IndexedValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** temporal-config/search-attributes.txt and the dev server command line built from it. */
class TemporalConfigTest {

  @TempDir Path dir;

  @Test
  void repositoryFileDeclaresThePgfleetKeywords() {
    assertThat(SearchAttributesFile.fromRepository())
        .containsExactly(
            new SearchAttributeDefinition("PgClusterId", "Keyword"),
            new SearchAttributeDefinition("PgClusterPhase", "Keyword"),
            new SearchAttributeDefinition("PgOperationType", "Keyword"),
            new SearchAttributeDefinition("PgPlan", "Keyword"),
            new SearchAttributeDefinition("PgRolloutId", "Keyword"),
            new SearchAttributeDefinition("PgRolloutState", "Keyword"),
            new SearchAttributeDefinition("PgRolloutSucceeded", "Int"),
            new SearchAttributeDefinition("PgRolloutFailed", "Int"));
  }

  @Test
  void parsesCommentsBlanksAndTypes() throws Exception {
    Path file = dir.resolve("sa.txt");
    Files.writeString(file, "# comment\n\n  Count = Int \nTags=KeywordList\n");
    List<SearchAttributeDefinition> read = SearchAttributesFile.read(file);
    assertThat(read)
        .extracting(SearchAttributeDefinition::cliArgument)
        .containsExactly("Count=Int", "Tags=KeywordList");
    assertThat(read.get(1).indexedValueType())
        .isEqualTo(IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST);
  }

  @Test
  void rejectsMalformedLinesNamingTheLine() throws Exception {
    Path file = dir.resolve("sa.txt");
    Files.writeString(file, "Good=Keyword\nBad Keyword\n");
    assertThatThrownBy(() -> SearchAttributesFile.read(file))
        .hasMessageContaining("line 2")
        .hasMessageContaining("Bad Keyword");
    Files.writeString(file, "Odd=Keywrd\n");
    assertThatThrownBy(() -> SearchAttributesFile.read(file)).hasMessageContaining("Keywrd");
  }

  @Test
  void devServerCommandBindsLoopbackAndRegistersEveryAttribute() {
    TemporalLaunchOptions options =
        TemporalLaunchOptions.defaults(dir).withPorts(17233, 18233).withDbFile(dir.resolve("t.db"));
    assertThat(DevServerProcess.command(Path.of("/opt/temporal"), options))
        .containsSubsequence("/opt/temporal", "server", "start-dev")
        .containsSubsequence("--ip", "127.0.0.1", "--port", "17233", "--ui-port", "18233")
        .containsSubsequence("--db-filename", dir.resolve("t.db").toString())
        .containsSubsequence("--namespace", "default")
        .containsSubsequence("--search-attribute", "PgClusterId=Keyword")
        .containsSubsequence("--search-attribute", "PgRolloutId=Keyword")
        .doesNotContain("--headless");
    assertThat(DevServerProcess.command(Path.of("t"), options.withHeadless(true)))
        .contains("--headless")
        .doesNotContain("--ui-port");
  }

  @Test
  void theUiDecodesThroughTheCodecEndpointWhenOneIsGiven() {
    TemporalLaunchOptions options =
        TemporalLauncherMain.parse(
            new String[] {
              "--port",
              "17233",
              "--ui-port",
              "18233",
              "--ui-codec-endpoint",
              "http://127.0.0.1:8080/codec"
            });

    assertThat(DevServerProcess.command(Path.of("t"), options))
        .containsSubsequence("--ui-codec-endpoint", "http://127.0.0.1:8080/codec");
    assertThat(DevServerProcess.command(Path.of("t"), options.withHeadless(true)))
        .doesNotContain("--ui-codec-endpoint");
    assertThat(DevServerProcess.command(Path.of("t"), TemporalLauncherMain.parse(new String[0])))
        .doesNotContain("--ui-codec-endpoint");
  }
}
