# Offramp in a container. Build: docker build -t offramp .
# Run:   docker run -e DISCORD_TOKEN=... -e OFFRAMP_DISCORD_GUILD_ID=... offramp
# The intents are baked in from ./intents; mount your own over /app/intents to change them
# without rebuilding (then use /offramp reload, or restart).

# ---- build: the Maven wrapper, as on a developer's machine ----
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
COPY intents/ intents/
COPY sources/ sources/
RUN ./mvnw -B -q package -DskipTests

# ---- run: a JRE, a user without privileges, nothing but the jar, intents and sources ----
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin offramp
WORKDIR /app
COPY --from=build /src/target/offramp.jar /app/offramp.jar
COPY --from=build /src/intents/ /app/intents/
COPY --from=build /src/sources/ /app/sources/
# /app/data holds the insights database and the examples' vectors (mount a volume there to keep them
# across re-creations).
RUN mkdir -p /app/data && chown -R offramp /app
USER offramp
# The sentence model's runtime unpacks its native library under the home directory. The health check
# uses bash's /dev/tcp (the JRE image has no curl).
ENV HOME=/app \
    OFFRAMP_OPS_HTTP_PORT=8080 \
    OFFRAMP_OPS_BIND_ADDRESS=0.0.0.0 \
    OFFRAMP_LOGGING_FORMAT=json \
    OFFRAMP_INSIGHTS_JDBC_URL=jdbc:sqlite:/app/data/insights.db \
    OFFRAMP_MATCH_VECTORS_CACHE=/app/data/example-vectors.bin \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60"
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "-jar", "/app/offramp.jar"]
CMD ["serve"]
