// The SDKs of the plugin, generated from its schema by `pulumi package gen-sdk`, one language at a
// time, with what the generator leaves out: the Go module's go.mod, the Java SDK's pom.xml and the
// plugin.json by which the Java SDK tells the engine its plugin (name, version, server).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  GITHUB_REPOSITORY,
  GO_MODULE,
  JAVA_ARTIFACT,
  PYTHON_PACKAGE,
  REPOSITORY,
} from "../../provider/plugin/registries";
import { PACKAGE } from "../../provider/plugin/pluginConfig";

/** The languages an SDK is generated for (.NET is not: NuGet cannot be reached from these machines). */
export const SDK_LANGUAGES = ["python", "go", "nodejs", "java"] as const;

/** The Pulumi Go SDK the Go module requires: the engine's release. */
export const PULUMI_GO_SDK = "v3.274.1";

/** The Java SDK (com.pulumi:pulumi) the Java SDK is compiled against: the Java language host's release. */
export const PULUMI_JAVA_SDK = "1.16.0";

/** The pom.xml of the Java SDK at `version`: what Maven Central requires, and a `release` profile that signs. */
function pom(version: string, description: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by scripts/release/sdks.ts beside the generated sources: \`mvn package\` builds the jar;
     \`mvn -Prelease verify\` adds the sources and javadoc jars and signs all (-Dgpg.skip to leave
     signing out); \`mvn -Prelease deploy\` publishes them to Maven Central. -->
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>${JAVA_ARTIFACT.groupId}</groupId>
  <artifactId>${JAVA_ARTIFACT.artifactId}</artifactId>
  <version>${version}</version>
  <packaging>jar</packaging>
  <name>${JAVA_ARTIFACT.artifactId}</name>
  <description>${description}</description>
  <url>${REPOSITORY}</url>
  <licenses>
    <license>
      <name>Apache-2.0</name>
      <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>
    </license>
  </licenses>
  <developers>
    <developer>
      <name>${GITHUB_REPOSITORY.organization}</name>
      <url>https://github.com/${GITHUB_REPOSITORY.organization}</url>
    </developer>
  </developers>
  <scm>
    <url>${REPOSITORY}</url>
    <connection>scm:git:${REPOSITORY}.git</connection>
  </scm>
  <properties>
    <maven.compiler.release>11</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.16.0</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-jar-plugin</artifactId>
        <version>3.5.1</version>
      </plugin>
    </plugins>
  </build>
  <profiles>
    <profile>
      <id>release</id>
      <build>
        <plugins>
          <plugin>
            <groupId>org.apache.maven.plugins</groupId>
            <artifactId>maven-source-plugin</artifactId>
            <version>3.4.0</version>
            <executions>
              <execution>
                <id>attach-sources</id>
                <goals><goal>jar-no-fork</goal></goals>
              </execution>
            </executions>
          </plugin>
          <plugin>
            <groupId>org.apache.maven.plugins</groupId>
            <artifactId>maven-javadoc-plugin</artifactId>
            <version>3.12.0</version>
            <configuration>
              <doclint>none</doclint>
              <quiet>true</quiet>
            </configuration>
            <executions>
              <execution>
                <id>attach-javadocs</id>
                <goals><goal>jar</goal></goals>
              </execution>
            </executions>
          </plugin>
          <plugin>
            <groupId>org.apache.maven.plugins</groupId>
            <artifactId>maven-gpg-plugin</artifactId>
            <version>3.2.8</version>
            <executions>
              <execution>
                <id>sign-artifacts</id>
                <phase>verify</phase>
                <goals><goal>sign</goal></goals>
                <configuration>
                  <bestPractices>true</bestPractices>
                </configuration>
              </execution>
            </executions>
          </plugin>
          <plugin>
            <groupId>org.sonatype.central</groupId>
            <artifactId>central-publishing-maven-plugin</artifactId>
            <version>0.9.0</version>
            <extensions>true</extensions>
            <configuration>
              <publishingServerId>central</publishingServerId>
              <autoPublish>true</autoPublish>
            </configuration>
          </plugin>
        </plugins>
      </build>
    </profile>
  </profiles>
  <dependencies>
    <dependency>
      <groupId>com.pulumi</groupId>
      <artifactId>pulumi</artifactId>
      <version>${PULUMI_JAVA_SDK}</version>
    </dependency>
    <dependency>
      <!-- javax.annotation.Nullable, which the generated sources use -->
      <groupId>com.google.code.findbugs</groupId>
      <artifactId>jsr305</artifactId>
      <version>3.0.2</version>
    </dependency>
  </dependencies>
</project>
`;
}

/** The schema's facts the SDKs repeat. */
export interface SchemaFacts {
  version: string;
  pluginDownloadURL: string;
  description: string;
}

/**
 * Generates the SDK of every language into `out/<language>` (each folder replaced whole) from
 * the schema at `schemaPath`, with `pulumi` from `pulumiBin`.
 */
export function generateSdks(
  pulumiBin: string,
  schemaPath: string,
  out: string,
  facts: SchemaFacts,
  progress: (line: string) => void,
): void {
  const env = {
    ...process.env,
    PATH: `${pulumiBin}:${process.env.PATH ?? ""}`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  for (const language of SDK_LANGUAGES) {
    const dir = join(out, language);
    rmSync(dir, { recursive: true, force: true });
    progress(`generating the ${language} SDK in ${dir}`);
    execFileSync("pulumi", ["package", "gen-sdk", schemaPath, "--language", language, "--out", out], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  // The wheel's long description: pyproject.toml names README.md beside it.
  copyFileSync(join(out, "python", PYTHON_PACKAGE, "README.md"), join(out, "python", "README.md"));

  const go = join(out, "go");
  writeFileSync(
    join(go, "go.mod"),
    `module ${GO_MODULE}\n\ngo 1.21\n\nrequire github.com/pulumi/pulumi/sdk/v3 ${PULUMI_GO_SDK}\n`,
  );
  execFileSync("go", ["mod", "tidy"], {
    cwd: go,
    env: { ...env, GOFLAGS: "-mod=mod" },
    stdio: ["ignore", "ignore", "inherit"],
  });

  const java = join(out, "java");
  writeFileSync(join(java, "pom.xml"), pom(facts.version, facts.description));
  const resources = join(java, "src", "main", "resources", JAVA_ARTIFACT.resourceFolder);
  mkdirSync(resources, { recursive: true });
  writeFileSync(
    join(resources, "plugin.json"),
    `${JSON.stringify({ resource: true, name: PACKAGE, version: facts.version, server: facts.pluginDownloadURL }, null, 2)}\n`,
  );
}
