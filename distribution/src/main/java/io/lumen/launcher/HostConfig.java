package io.lumen.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framework properties from {@code conf/lumen.properties}, with {@code ${lumen.home}} and {@code ${lumen.data}}
 * filled in, so the file stays readable and relocatable. A {@code lumen.*} setting given as a system property
 * ({@code LUMEN_JAVA_OPTS=-Dlumen.port=48989 bin/lumen}) wins over the file, for one run without editing it.
 */
final class HostConfig {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(lumen\\.home|lumen\\.data)}");

    private HostConfig() {
    }

    static Map<String, String> load(Path file, Path home, Path data) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            String override = key.startsWith("lumen.") && !key.equals("lumen.home") && !key.equals("lumen.data")
                    ? System.getProperty(key) : null;
            config.put(key, override != null ? override : resolve(properties.getProperty(key), home, data));
        }
        return config;
    }

    static String resolve(String value, Path home, Path data) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Path replacement = m.group(1).equals("lumen.home") ? home : data;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
