package io.pgfleet.testenv.bench.backup;

import java.nio.file.Path;

/**
 * Command line of the backup and restore benchmarks: {@code [RUNS] [--scale N] [--wal-mb M] --state
 * DIR --s3proxy-jar JAR}.
 *
 * @param scale pgbench scale: 64 is about 1 GB
 * @param walMb WAL the restore benchmark writes after its backups, which every restore replays
 * @param state the checkout's {@code .pgfleet} directory; logs go under it
 */
record BenchArgs(int runs, int scale, int walMb, Path state, Path s3proxyJar, Path pgBinDir) {

  static final int DEFAULT_RUNS = 3;
  static final int DEFAULT_SCALE = 64;
  static final int DEFAULT_WAL_MB = 200;
  static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");

  static BenchArgs parse(String... args) {
    int runs = DEFAULT_RUNS;
    int scale = DEFAULT_SCALE;
    int walMb = DEFAULT_WAL_MB;
    Path state = Path.of(".pgfleet");
    Path jar = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = positive(value(args, ++i, "--scale"), "--scale");
        case "--wal-mb" -> walMb = positive(value(args, ++i, "--wal-mb"), "--wal-mb");
        case "--state" -> state = Path.of(value(args, ++i, "--state"));
        case "--s3proxy-jar" -> jar = Path.of(value(args, ++i, "--s3proxy-jar"));
        default -> runs = positive(args[i], "RUNS");
      }
    }
    if (jar == null) {
      throw new IllegalArgumentException("--s3proxy-jar is required");
    }
    return new BenchArgs(runs, scale, walMb, state, jar, PG_BIN);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int positive(String text, String what) {
    try {
      int value = Integer.parseInt(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(what + " must be a positive number, not " + text);
  }
}
