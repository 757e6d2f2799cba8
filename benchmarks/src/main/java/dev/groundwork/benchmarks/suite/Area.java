package dev.groundwork.benchmarks.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One comparison of the standard suite, as {@code benchmarks/README.md} declares it in its table of targets: the
 * Groundwork benchmark, its peers, and the ratio Groundwork must reach against one of them (or the fastest) where
 * the parameters match.
 *
 * @param name the area's name, such as {@code jwt-verify}
 * @param groundwork the Groundwork benchmark, {@code Class.method}
 * @param peers the peers' benchmarks, {@code Class.method}, in the README's order
 * @param target the smallest ratio that meets the target (Groundwork's speed ÷ the peer's), or NaN for none
 * @param against the peer the target is measured against, or {@code fastest}
 * @param where the parameters the target applies to ({@code depth=999950}); empty for every row
 */
public record Area(
        String name, String groundwork, List<String> peers, double target, String against, Map<String, String> where) {

    /** The README's heading above the table the suite reads. */
    static final String HEADING = "## Targets";

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /**
     * The areas in a README's targets table: the first table after {@link #HEADING}, with the columns area,
     * Groundwork, peers, target, against, where.
     *
     * @param readme the README
     * @return the areas, in the table's order
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the table is missing or a row cannot be read
     */
    public static List<Area> fromReadme(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int heading = lines.indexOf(HEADING);
        if (heading < 0) {
            throw new IllegalArgumentException(readme + " has no '" + HEADING + "' section");
        }
        List<Area> areas = new ArrayList<>();
        boolean inTable = false;
        for (int i = heading + 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            if (!inTable) {
                inTable = true; // the header row
                continue;
            }
            if (line.startsWith("|---") || line.startsWith("| ---")) {
                continue;
            }
            areas.add(parse(line, readme.getFileName() + ":" + (i + 1)));
        }
        if (areas.isEmpty()) {
            throw new IllegalArgumentException(readme + " has no rows under '" + HEADING + "'");
        }
        return List.copyOf(areas);
    }

    static Area parse(String row, String at) {
        String[] cells = row.substring(1, row.lastIndexOf('|')).split("\\|", -1);
        if (cells.length != 6) {
            throw new IllegalArgumentException(at + ": expected 6 cells, found " + cells.length + ": " + row);
        }
        String name = cells[0].strip();
        List<String> groundwork = codes(cells[1]);
        List<String> peers = codes(cells[2]);
        if (name.isEmpty() || groundwork.size() != 1 || peers.isEmpty()) {
            throw new IllegalArgumentException(at + ": an area needs a name, one Groundwork benchmark and peers");
        }
        String targetText = cells[3].strip().replace("≥", "").replace("×", "").strip();
        double target = targetText.equals("—") || targetText.isEmpty() ? Double.NaN : Double.parseDouble(targetText);
        String against = cells[4].strip().replace("`", "");
        if (!against.equals("fastest") && !against.equals("—") && !peers.contains(against)) {
            throw new IllegalArgumentException(at + ": the target is against " + against + ", not one of " + peers);
        }
        Map<String, String> where = new java.util.LinkedHashMap<>();
        for (String condition : codes(cells[5])) {
            String[] pair = condition.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException(at + ": a condition is name=value, not " + condition);
            }
            where.put(pair[0].strip(), pair[1].strip());
        }
        return new Area(name, groundwork.get(0), peers, target, against, Map.copyOf(where));
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            codes.addAll(Arrays.asList(matcher.group(1).split(",\\s*")));
        }
        return codes;
    }

    /**
     * Every benchmark the area needs, Groundwork's first.
     *
     * @return {@code Class.method} names
     */
    public List<String> benchmarks() {
        List<String> all = new ArrayList<>();
        all.add(groundwork);
        all.addAll(peers);
        return all;
    }

    /**
     * Whether the target applies to a row with these parameters.
     *
     * @param params the row's parameters
     * @return true when every condition of {@link #where} holds
     */
    public boolean targetApplies(Map<String, String> params) {
        return where.entrySet().stream().allMatch(e -> e.getValue().equals(params.get(e.getKey())));
    }
}
