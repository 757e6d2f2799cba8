package dev.groundwork.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Checks that {@code bom/pom.xml} lists every published module of the reactor and nothing else. A module is
 * published unless its POM sets {@code maven.deploy.skip} to {@code true}; POM-packaged modules (the BOM itself, the
 * third-party versions the parent imports) are published but are nothing a user depends on, so they are not listed.
 */
final class BomCheck {
    static final String GROUP = "dev.groundwork";
    static final String BOM_FOLDER = "bom";

    /** One reactor module as its POM declares it. */
    record ModulePom(String folder, String artifactId, boolean published, boolean pomPackaging) {
        ModulePom(String folder, String artifactId, boolean published) {
            this(folder, artifactId, published, false);
        }

        boolean belongsInBom() {
            return published && !pomPackaging;
        }
    }

    /** One entry of the BOM's dependencyManagement. */
    record BomEntry(String groupId, String artifactId, String version) {}

    /** The parts of the reactor the check reads. */
    record Reactor(String parentVersion, List<ModulePom> modules, String bomVersion, List<BomEntry> bomEntries) {
        Reactor withoutBomEntry(String artifactId) {
            return new Reactor(
                    parentVersion,
                    modules,
                    bomVersion,
                    bomEntries.stream()
                            .filter(e -> !e.artifactId().equals(artifactId))
                            .toList());
        }
    }

    private BomCheck() {}

    /** What is wrong; empty when the BOM is true to the reactor. */
    static List<String> problems(Reactor reactor) {
        List<String> problems = new ArrayList<>();
        if (!reactor.bomVersion().equals(reactor.parentVersion())) {
            problems.add(
                    "bom version " + reactor.bomVersion() + " differs from the parent's " + reactor.parentVersion());
        }
        Set<String> published = new TreeSet<>();
        for (ModulePom module : reactor.modules()) {
            String expected = "groundwork-" + module.folder();
            if (!module.artifactId().equals(expected)) {
                problems.add("module folder " + module.folder() + " has artifactId " + module.artifactId()
                        + ", expected " + expected);
            }
            if (module.belongsInBom()) {
                published.add(module.artifactId());
            }
        }
        Set<String> listed = new LinkedHashSet<>();
        for (BomEntry entry : reactor.bomEntries()) {
            if (!entry.groupId().equals(GROUP)) {
                problems.add("bom lists " + entry.groupId() + ":" + entry.artifactId()
                        + ", which is not a Groundwork module");
                continue;
            }
            if (!listed.add(entry.artifactId())) {
                problems.add("bom lists " + entry.artifactId() + " more than once");
            }
            if (!published.contains(entry.artifactId())) {
                problems.add("bom lists " + entry.artifactId() + ", which is not a published library module");
            }
            if (!"${project.version}".equals(entry.version())) {
                problems.add(
                        "bom pins " + entry.artifactId() + " to " + entry.version() + " instead of ${project.version}");
            }
        }
        for (String artifactId : published) {
            if (!listed.contains(artifactId)) {
                problems.add("published module " + artifactId + " is missing from bom/pom.xml");
            }
        }
        return problems;
    }

    /** Reads the reactor rooted at {@code root} (the folder of the parent {@code pom.xml}). */
    static Reactor read(Path root) throws IOException {
        Element parent = parse(root.resolve("pom.xml"));
        List<ModulePom> modules = new ArrayList<>();
        for (Element module : children(child(parent, "modules"), "module")) {
            String folder = module.getTextContent().trim();
            Element pom = parse(root.resolve(folder).resolve("pom.xml"));
            Element properties = child(pom, "properties");
            boolean skipDeploy = properties != null
                    && children(properties, "maven.deploy.skip").stream()
                            .anyMatch(e -> e.getTextContent().trim().equals("true"));
            modules.add(new ModulePom(
                    folder,
                    text(pom, "artifactId"),
                    !skipDeploy,
                    text(pom, "packaging").equals("pom")));
        }
        Element bom = parse(root.resolve(BOM_FOLDER).resolve("pom.xml"));
        List<BomEntry> entries = new ArrayList<>();
        Element management = child(bom, "dependencyManagement");
        if (management != null) {
            for (Element dependency : children(child(management, "dependencies"), "dependency")) {
                entries.add(new BomEntry(
                        text(dependency, "groupId"), text(dependency, "artifactId"), text(dependency, "version")));
            }
        }
        String bomVersion = text(bom, "version");
        if (bomVersion.isEmpty()) {
            bomVersion = text(child(bom, "parent"), "version");
        }
        return new Reactor(text(parent, "version"), modules, bomVersion, entries);
    }

    static Element parse(Path pom) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document document = builder.parse(pom.toFile());
            return document.getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot parse " + pom, e);
        }
    }

    static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    static List<Element> children(Element parent, String name) {
        return elements(parent).stream()
                .filter(element -> element.getTagName().equals(name))
                .toList();
    }

    /** Every child element, in document order; none for a missing parent. */
    static List<Element> elements(Element parent) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element) {
                found.add(element);
            }
        }
        return found;
    }

    static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? "" : element.getTextContent().trim();
    }

    static boolean exists(Path root) {
        return Files.isRegularFile(root.resolve(BOM_FOLDER).resolve("pom.xml"));
    }
}
