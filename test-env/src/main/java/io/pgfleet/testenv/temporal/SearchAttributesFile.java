package io.pgfleet.testenv.temporal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code temporal-config/search-attributes.txt}: {@code Name=Type} lines, # comments. */
public final class SearchAttributesFile {

  /** Where the file lives relative to the repository root. */
  public static final Path RELATIVE_PATH = Path.of("temporal-config", "search-attributes.txt");

  private SearchAttributesFile() {}

  /** The definitions in the repository's file (found with {@link PgfleetHome#locate()}). */
  public static List<SearchAttributeDefinition> fromRepository() {
    return read(PgfleetHome.locate().resolve(RELATIVE_PATH));
  }

  public static List<SearchAttributeDefinition> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read search attributes file " + file, e);
    }
    List<SearchAttributeDefinition> definitions = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": expected Name=Type, got '" + line + "'");
      }
      definitions.add(
          new SearchAttributeDefinition(
              line.substring(0, equals).strip(), line.substring(equals + 1).strip()));
    }
    return List.copyOf(definitions);
  }
}
