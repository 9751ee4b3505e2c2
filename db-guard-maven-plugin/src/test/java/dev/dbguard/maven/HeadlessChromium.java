package dev.dbguard.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's Chromium run headless on a local file, for the browser checks of the HTML reports: one run dumps the
 * DOM after loading while logging the page's console to stderr, another writes a screenshot. Each run gets a fresh
 * profile directory, touches no network service of its own, and is killed (with its children) if it hangs.
 */
final class HeadlessChromium {

    /** Where Debian's {@code chromium} package installs it; {@code .ci/run} installs it when missing. */
    static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");

    private static final long TIMEOUT_SECONDS = 120;

    /** What one run printed. */
    record Run(int exitCode, String stdout, String stderr) {

        /**
         * The page's console errors: uncaught exceptions and console.error calls, as Chromium logs them with
         * {@code --enable-logging=stderr} ({@code [...:INFO:CONSOLE:1] "Uncaught ReferenceError: ...", source: ...}).
         * Chromium's own noise on a machine without D-Bus or a GPU is not the page's and is left out.
         */
        List<String> consoleErrors() {
            List<String> errors = new ArrayList<>();
            for (String line : stderr.split("\\R")) {
                if (line.contains(":CONSOLE") && (line.contains("ERROR:CONSOLE") || line.contains("Uncaught")
                        || line.contains("Error") || line.contains("Failed to load resource"))) {
                    errors.add(line);
                }
            }
            return errors;
        }
    }

    private static final Pattern RESOURCE = Pattern.compile(
            "<(?:link|script|img|source|iframe|embed|object)\\b[^>]*?\\b(?:href|src|data)=\"([^\"]*)\"",
            Pattern.CASE_INSENSITIVE);

    /**
     * Resources the loaded page refers to (stylesheets, scripts, images: not plain links) that would not load:
     * a local file that does not exist, or anything from a network address. Chromium does not log a missing
     * stylesheet to the console, so this is read from the DOM it built.
     */
    static List<String> unloadableResources(Path page, String dom) {
        List<String> problems = new ArrayList<>();
        Matcher matcher = RESOURCE.matcher(dom);
        while (matcher.find()) {
            String reference = matcher.group(1).replace("&amp;", "&");
            if (reference.isEmpty() || reference.startsWith("data:")) {
                continue;
            }
            URI uri = page.toAbsolutePath().toUri().resolve(reference);
            if (!"file".equals(uri.getScheme())) {
                problems.add(reference + " (not a local file)");
            } else if (!Files.exists(Path.of(uri.getPath()))) {
                problems.add(reference + " (no such file)");
            }
        }
        return problems;
    }

    private final Path executable;
    private final Path workDirectory;

    HeadlessChromium(Path executable, Path workDirectory) {
        this.executable = executable;
        this.workDirectory = workDirectory;
    }

    /** Debian's Chromium when installed and executable. */
    static Optional<Path> find() {
        return Files.isExecutable(DEBIAN_CHROMIUM) ? Optional.of(DEBIAN_CHROMIUM) : Optional.empty();
    }

    /** Loads {@code page}, returns the DOM Chromium built and the console log. */
    Run dumpDom(Path page) {
        return run(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString()));
    }

    /** Loads {@code page} in a 1280 pixel wide window and writes a PNG of its first 2000 pixels to {@code png}. */
    Run screenshot(Path page, Path png) {
        return run(List.of("--enable-logging=stderr", "--v=0", "--screenshot=" + png.toAbsolutePath(),
                "--window-size=1280,2000", "--hide-scrollbars", page.toUri().toString()));
    }

    private Run run(List<String> arguments) {
        try {
            Files.createDirectories(workDirectory);
            Path profile = Files.createTempDirectory(workDirectory, "profile-");
            Path out = workDirectory.resolve(profile.getFileName() + ".out");
            Path err = workDirectory.resolve(profile.getFileName() + ".err");
            List<String> command = new ArrayList<>(List.of(executable.toString(),
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    // containers often have a tiny /dev/shm, where Chromium's renderer would crash
                    "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile.toAbsolutePath()));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("Chromium did not finish within " + TIMEOUT_SECONDS + " s: "
                            + String.join(" ", command));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while Chromium ran", e);
            } finally {
                // Chromium starts helper processes: stop every one this run started
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            deleteTree(profile);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
