package dev.dbguard.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * docs/configuration.md documents every parameter a user can set on any goal, with the user property the plugin
 * descriptor gives it. The descriptor is what Maven reads, so a parameter added to a Mojo is found here.
 */
class ConfigurationDocsTest {

    private static final Path CONFIGURATION = Path.of("..", "docs", "configuration.md");
    /** {@code | `name` | `dbguard.name` | default | meaning |} or {@code | `name` | none | ...}. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(\\w+)` \\| (?:`([\\w.]+)`|none) \\| ");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([\\w.]+)}");

    @Test
    void everyParameterIsDocumentedWithItsUserProperty() throws Exception {
        Map<String, String> documented = new TreeMap<>();
        Matcher row = ROW.matcher(Files.readString(CONFIGURATION));
        while (row.find()) {
            documented.put(row.group(1), row.group(2) == null ? "" : row.group(2));
        }
        Map<String, String> parameters = descriptorParameters();
        assertThat(parameters).as("parameters in the plugin descriptor").containsKeys("skip", "migrations", "format");

        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            assertThat(documented).as(CONFIGURATION + " documents " + parameter.getKey()).containsKey(parameter.getKey());
            assertThat(documented.get(parameter.getKey())).as("user property of " + parameter.getKey())
                    .isEqualTo(parameter.getValue());
        }
    }

    /** Every editable parameter of every goal, with its user property ({@code ""} when it has none). */
    private static Map<String, String> descriptorParameters() throws Exception {
        Map<String, String> parameters = new TreeMap<>();
        try (InputStream in = ConfigurationDocsTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in).as("plugin descriptor on the class path").isNotNull();
            Element plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
            NodeList mojos = plugin.getElementsByTagName("mojo");
            for (int m = 0; m < mojos.getLength(); m++) {
                Element mojo = (Element) mojos.item(m);
                NodeList declared = mojo.getElementsByTagName("parameter");
                for (int p = 0; p < declared.getLength(); p++) {
                    Element parameter = (Element) declared.item(p);
                    if (!"true".equals(text(parameter, "editable"))) {
                        continue;
                    }
                    parameters.put(text(parameter, "name"), property(mojo, text(parameter, "name")));
                }
            }
        }
        return parameters;
    }

    private static String property(Element mojo, String name) {
        NodeList configuration = mojo.getElementsByTagName("configuration");
        if (configuration.getLength() == 0) {
            return "";
        }
        NodeList values = ((Element) configuration.item(0)).getElementsByTagName(name);
        if (values.getLength() == 0) {
            return "";
        }
        Matcher property = PROPERTY.matcher(values.item(0).getTextContent().trim());
        return property.matches() ? property.group(1) : "";
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
