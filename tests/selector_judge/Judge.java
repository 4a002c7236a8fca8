// Jayway JsonPath (the library SSM Automation evaluates selectors with) as an
// optional second judge for tests/aws_api_selector_differential.py
// (`--jayway CLASSPATH`: Debian's libjsonpath-java and, as its JSON parser,
// libjackson2-databind-java; json-smart refuses some deep responses). Same protocol as
// judge.mjs: `I <json array>` sets the instances, `S <selector>` prints the
// match count on each instance (comma-separated) or `E <exception>`.
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

public class Judge {
    public static void main(String[] args) throws Exception {
        // Every result as a list, a path that finds nothing as an empty one.
        Configuration conf = Configuration.builder()
                .jsonProvider(new JacksonJsonProvider())
                .mappingProvider(new JacksonMappingProvider())
                .options(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS)
                .build();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out), false, "UTF-8");
        List<Object> docs = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("I ")) {
                docs = new ArrayList<>((List<?>) conf.jsonProvider().parse(line.substring(2)));
            } else if (line.startsWith("S ")) {
                JsonPath path;
                try {
                    path = JsonPath.compile(line.substring(2));
                } catch (RuntimeException e) {
                    out.println("E " + e.getClass().getSimpleName());
                    continue;
                }
                StringBuilder counts = new StringBuilder();
                for (Object doc : docs) {
                    int n;
                    try {
                        Object res = path.read(doc, conf);
                        n = res instanceof List ? ((List<?>) res).size() : (res == null ? 0 : 1);
                    } catch (RuntimeException e) {
                        n = 0;
                    }
                    if (counts.length() > 0) {
                        counts.append(',');
                    }
                    counts.append(n);
                }
                out.println(counts);
            }
        }
        out.flush();
    }
}
