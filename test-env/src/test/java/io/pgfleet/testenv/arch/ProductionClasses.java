package io.pgfleet.testenv.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import io.pgfleet.testenv.temporal.PgfleetHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The production classes (no tests) of every module in the root pom: each module's target/classes,
 * plus io.pgfleet classes on the test classpath for modules built elsewhere.
 */
final class ProductionClasses {

  private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");

  private static JavaClasses imported;

  private ProductionClasses() {}

  static synchronized JavaClasses all() {
    if (imported == null) {
      Set<Location> locations = new HashSet<>(Locations.ofPackage("io.pgfleet"));
      for (String module : modules()) {
        Path classes = PgfleetHome.locate().resolve(module).resolve("target/classes");
        if (Files.isDirectory(classes)) {
          locations.add(Location.of(classes));
        }
      }
      imported =
          new ClassFileImporter()
              .withImportOption(new ImportOption.DoNotIncludeTests())
              .importLocations(locations);
    }
    return imported;
  }

  /** The module names listed in the root pom.xml. */
  static List<String> modules() {
    try {
      String pom = Files.readString(PgfleetHome.locate().resolve("pom.xml"));
      Matcher matcher = MODULE.matcher(pom);
      return matcher.results().map(m -> m.group(1)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the root pom.xml", e);
    }
  }

  /**
   * Classes that came from {@code module}: its target/ folder in the reactor, or its jar in the
   * local repository (…/io/pgfleet/&lt;module&gt;/…).
   */
  static DescribedPredicate<JavaClass> inModule(String module) {
    String reactorPath = "/" + module + "/target/";
    String repositoryPath = "/io/pgfleet/" + module + "/";
    return DescribedPredicate.describe(
        "in module " + module,
        javaClass ->
            javaClass
                .getSource()
                .map(source -> source.getUri().toString())
                .filter(uri -> uri.contains(reactorPath) || uri.contains(repositoryPath))
                .isPresent());
  }
}
