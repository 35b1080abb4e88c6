# Sourced before the image's /openmrs/startup.sh, which writes Tomcat's bin/setenv.sh from these
# two variables on every start (so a copied setenv.sh would be overwritten).
# Values set in the container environment win.

# Same JVM flags as the image's default, plus the Mozambican time zone: OpenMRS stores DATETIME
# without a zone, so the JVM, the database and the EPTS reports must all read Maputo time.
export OMRS_JAVA_SERVER_OPTS="${OMRS_JAVA_SERVER_OPTS:--Dfile.encoding=UTF-8 -server -Djava.security.egd=file:/dev/./urandom -Djava.awt.headless=true -Djava.awt.headlesslib=true -Duser.timezone=Africa/Maputo}"

# Heap from BACKEND_HEAP (docker-compose.yml); G1 keeps pauses short on report queries.
export OMRS_JAVA_MEMORY_OPTS="${OMRS_JAVA_MEMORY_OPTS:--Xms1g -Xmx${BACKEND_HEAP:-3g} -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError}"
