package org.danerelay.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's dkimpy (python3-dkim) as an independent DKIM verifier: the public key is handed to it in
 * place of a DNS lookup, so nothing leaves the machine. Tests skip without it, unless
 * DANERELAY_REQUIRE_DKIMPY is set (CI installs it), which makes its absence a failure.
 */
public final class DkimPy {

  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final String VERIFY =
      String.join(
          "\n",
          "import sys, dkim",
          "record = ('v=DKIM1; k=%s; p=%s' % (sys.argv[1], sys.argv[2])).encode()",
          "def dns(name, timeout=5):",
          "    return record",
          "ok = dkim.verify(sys.stdin.buffer.read(), dnsfunc=dns)",
          "print('PASS' if ok else 'FAIL')");

  private DkimPy() {}

  /** Skips the test when dkimpy is missing, unless the environment requires it. */
  public static void assumePresent() throws IOException, InterruptedException {
    Assumptions.assumeTrue(present(), "python3-dkim (dkimpy) is not installed");
  }

  /** Whether dkimpy can be run; its absence fails when DANERELAY_REQUIRE_DKIMPY is set. */
  public static boolean present() throws IOException, InterruptedException {
    boolean present = Files.isExecutable(PYTHON) && run("import dkim, nacl", new byte[0]).ok();
    if (System.getenv("DANERELAY_REQUIRE_DKIMPY") != null && !present) {
      throw new AssertionError("DANERELAY_REQUIRE_DKIMPY is set but python3-dkim is missing");
    }
    return present;
  }

  /** Whether dkimpy verifies the message's DKIM-Signature against {@code key}. */
  public static boolean verifies(byte[] message, PublicKey key)
      throws IOException, InterruptedException {
    boolean rsa = key.getAlgorithm().equals("RSA");
    byte[] encoded = key.getEncoded();
    // RFC 8463 4.2: an Ed25519 record holds the bare 32-byte key, not the SubjectPublicKeyInfo.
    byte[] published =
        rsa ? encoded : Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    Result result =
        run(
            VERIFY,
            message,
            rsa ? "rsa" : "ed25519",
            Base64.getEncoder().encodeToString(published));
    return result.ok() && result.out().strip().equals("PASS");
  }

  private record Result(boolean ok, String out) {}

  private static Result run(String script, byte[] input, String... args)
      throws IOException, InterruptedException {
    String[] command = new String[3 + args.length];
    command[0] = PYTHON.toString();
    command[1] = "-c";
    command[2] = script;
    System.arraycopy(args, 0, command, 3, args.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().write(input);
    process.getOutputStream().close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(false, "timed out");
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.exitValue() == 0, out);
  }
}
