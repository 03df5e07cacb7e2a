#!/usr/bin/env bash
# Fetch the Dutch LanguageTool server jars into languagetool/lib (Maven Central, via pom.xml).
#
# Idempotent: when lib/ already holds the jars for this pom.xml (and LT_VERSION), it does nothing.
# Needs Maven 3 and Java 17+. Environment:
#   LT_VERSION      LanguageTool version to fetch instead of the one in pom.xml (e.g. 6.7)
#   LT_MAVEN_ARGS   extra Maven arguments (e.g. "-o" to work offline from ~/.m2, or "-s settings.xml")
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lib="$here/lib"
stamp="$lib/.fetched"

version_args=()
if [ -n "${LT_VERSION:-}" ]; then
  version_args=("-Dlanguagetool.version=$LT_VERSION")
fi
want="$(cksum < "$here/pom.xml" | tr -s ' ' '-')${LT_VERSION:+-$LT_VERSION}"

have_jars() {
  compgen -G "$lib/languagetool-server-*.jar" >/dev/null && compgen -G "$lib/language-nl-*.jar" >/dev/null
}

summary() {
  local jar version
  jar="$(compgen -G "$lib/languagetool-server-*.jar" | head -n 1)"
  version="${jar##*/languagetool-server-}"; version="${version%.jar}"
  echo "LanguageTool $version (Dutch) in $lib: $(find "$lib" -name '*.jar' | wc -l | tr -d ' ') jars, $(du -sh "$lib" | cut -f1)$1"
}

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && have_jars; then
  summary " (already fetched)"
  exit 0
fi

if ! command -v mvn >/dev/null 2>&1; then
  echo "fetch.sh: Maven ('mvn') is not installed; it is needed to fetch LanguageTool from Maven Central." >&2
  exit 1
fi

start=$SECONDS
# Fetch into a fresh folder and swap it in only when Maven succeeded: a failed fetch keeps the
# old jars, and jars of an older version never stay on the classpath.
new="$here/target/lib.new"
rm -rf "$new"
mkdir -p "$here/target"
# Some Maven builds print colour codes even with -B; the awk filter drops them (pipefail keeps the
# exit status of mvn).
# shellcheck disable=SC2086
if ! mvn -B -q -Dstyle.color=never -f "$here/pom.xml" "-Dlib.dir=$new" ${version_args[@]+"${version_args[@]}"} ${LT_MAVEN_ARGS:-} \
    package 2>&1 | awk '{ gsub(/\033\[[0-9;]*m/, ""); if (length($0)) print }'; then
  echo "fetch.sh: Maven could not fetch LanguageTool (see the messages above)." >&2
  exit 1
fi
if ! compgen -G "$new/languagetool-server-*.jar" >/dev/null || ! compgen -G "$new/language-nl-*.jar" >/dev/null; then
  echo "fetch.sh: Maven finished, but fetched no languagetool-server/language-nl jars." >&2
  exit 1
fi
rm -rf "$lib"
mv "$new" "$lib"
echo "$want" > "$stamp"
summary " (fetched in $((SECONDS - start)) s)"
