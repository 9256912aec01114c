package io.caravan.feed.replay;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code caravan.replay.file} names: one file, or several separated by commas, each a file, a directory (its
 * files, by name, not its subdirectories) or a glob ({@code data/lean/tick/*}{@code /2013100?_trade.zip}, by path).
 * One caravan CSV or recorded-frames file is read as it is ({@link ReplayFile}); anything else is merged in event
 * time ({@link MergedReplay}).
 */
public final class ReplayInputs {

    /** Far above any real line (a busy Finnhub frame is about 100 KB), far below what would hurt the heap. */
    public static final int DEFAULT_MAX_LINE_CHARS = 16 * 1024 * 1024;

    private static final int MAX_FILES = 100_000;

    private ReplayInputs() {
    }

    public static ReplayInput open(String spec, int maxLineChars) throws IOException {
        List<Path> paths = resolve(spec);
        List<ReplaySourceFile> files = new ArrayList<>();
        try {
            for (Path path : paths) {
                files.add(new ReplaySourceFile(path, maxLineChars));
            }
        } catch (IOException | RuntimeException e) {
            for (ReplaySourceFile file : files) {
                file.close();
            }
            throw e;
        }
        if (files.size() == 1 && !paths.get(0).getFileName().toString().toLowerCase().endsWith(".zip")
                && (files.get(0).type() == ReplayFileType.CARAVAN_CSV || files.get(0).type() == ReplayFileType.FRAMES)) {
            files.get(0).close();
            return new ReplayFile(paths.get(0), maxLineChars);
        }
        return new MergedReplay(files);
    }

    /** The files {@code spec} names, in the order named (a directory's and a glob's by name). */
    static List<Path> resolve(String spec) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String part : spec.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (isGlob(name)) {
                paths.addAll(glob(name));
            } else if (Files.isDirectory(Path.of(name))) {
                try (Stream<Path> listed = Files.list(Path.of(name))) {
                    listed.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted().forEach(paths::add);
                }
            } else {
                paths.add(Path.of(name));
            }
            if (paths.size() > MAX_FILES) {
                throw new IOException("caravan.replay.file names more than " + MAX_FILES + " files");
            }
        }
        if (paths.isEmpty()) {
            throw new IOException("caravan.replay.file " + spec + " names no file");
        }
        return paths;
    }

    private static boolean isGlob(String name) {
        return name.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** The files matching a glob; the search starts at the longest leading part without a wildcard. */
    private static List<Path> glob(String pattern) throws IOException {
        String normal = pattern.replace('\\', '/');
        int wildcard = 0;
        while (wildcard < normal.length() && "*?[{".indexOf(normal.charAt(wildcard)) < 0) {
            wildcard++;
        }
        int slash = normal.lastIndexOf('/', wildcard);
        Path base = slash < 0 ? Path.of("") : Path.of(slash == 0 ? "/" : normal.substring(0, slash));
        String rest = slash < 0 ? normal : normal.substring(slash + 1);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        List<Path> found = new ArrayList<>();
        Path start = base.toString().isEmpty() ? Path.of(".") : base;
        if (!Files.isDirectory(start)) {
            return found;
        }
        int depth = rest.contains("**") ? Integer.MAX_VALUE : (int) rest.chars().filter(c -> c == '/').count() + 1;
        try (Stream<Path> walk = Files.walk(start, depth)) {
            walk.filter(Files::isRegularFile).filter(p -> matcher.matches(start.relativize(p)))
                    .map(p -> base.toString().isEmpty() ? start.relativize(p) : p).sorted().forEach(found::add);
        }
        return found;
    }
}
