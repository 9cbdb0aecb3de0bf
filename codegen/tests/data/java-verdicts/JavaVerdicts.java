// Adds java.util.regex's verdicts to candidate patterns and inputs (see generate.sh).
// Reads `P\t<pattern>` / `I\t<input>` lines (escaped: backslash, tab, newline, CR, and u+4 hex digits for other controls) from stdin and
// writes them back with `\t1` (Matcher.find() matched) or `\t0` after every input. A pattern
// Java cannot compile is dropped with its inputs.

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

public class JavaVerdicts {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        Pattern current = null;
        String line;
        while ((line = in.readLine()) != null) {
            String[] fields = line.split("\t", -1);
            if (fields[0].equals("P")) {
                try {
                    current = Pattern.compile(unescape(fields[1]));
                    out.println(line);
                } catch (PatternSyntaxException e) {
                    current = null;
                }
            } else if (fields[0].equals("I") && current != null) {
                boolean found = current.matcher(unescape(fields[1])).find();
                out.println(line + "\t" + (found ? "1" : "0"));
            }
        }
        out.flush();
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 't': out.append('\t'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 'u':
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                    break;
                default: out.append(next);
            }
        }
        return out.toString();
    }
}
