#!/usr/bin/env bash
# The base image both services' images are built on, made here without a Docker daemon or a registry: a Java 17
# runtime cut with jlink from this machine's JDK (its jmods), the Debian libraries that runtime links to, a user 10001
# and nothing else (no shell, no package manager). Written as `docker save` writes an image, which Jib takes as a base
# (tar://). Usage: build-base.sh <output directory>; writes <output>/hearth-jre-base.tar.
set -euo pipefail

out="$(mkdir -p "$1" && cd "$1" && pwd)"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
if [ ! -d "$java_home/jmods" ]; then
  echo "build-base.sh: $java_home has no jmods: a JDK 17 with its jmods is needed to cut the runtime" >&2
  exit 1
fi
work="$out/base"
root="$work/root"
rm -rf "$work"
mkdir -p "$root"

# The runtime: Java SE, elliptic curves (ES256 tokens, web push), DNS, locale data (German dates), Unsafe (Netty).
"$java_home/bin/jlink" --module-path "$java_home/jmods" \
  --add-modules java.se,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.unsupported,jdk.naming.dns,jdk.localedata,jdk.zipfs,jdk.management,jdk.net,jdk.httpserver \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$root/opt/java"
# Debian points the JDK's trust store at /etc/ssl/certs/java/cacerts: the image carries the file itself.
rm -f "$root/opt/java/lib/security/cacerts"
cp -L "$java_home/lib/security/cacerts" "$root/opt/java/lib/security/cacerts"

# Every shared library the runtime's programs and libraries link to, from this machine's Debian packages (the
# runtime's own libraries are found beside it). The dynamic loader where programs look for it.
find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' \
  | grep -v "^$root" | sort -u \
  | while read -r lib; do
      mkdir -p "$root$(dirname "$lib")"
      cp -L "$lib" "$root$lib"
    done
mkdir -p "$root/lib64"
cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/ld-linux-x86-64.so.2"

# Who runs it, and what little the C library reads.
mkdir -p "$root/etc" "$root/tmp" "$root/home/hearth"
printf 'root:x:0:0:root:/root:/sbin/nologin\nhearth:x:10001:10001:Hearth:/home/hearth:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nhearth:x:10001:\n' > "$root/etc/group"
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$root/etc/hosts"
chmod 1777 "$root/tmp"
chmod 755 "$root/home/hearth"

# One layer, the same bytes for the same inputs: sorted, owned by root, no times, no "./" (Jib refuses it).
(cd "$root" && tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 -cf "$work/layer.tar" -- *)
diff_id="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"10001:10001","Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"WorkingDir":"/home/hearth"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"infra/images/build-base.sh: jlink of $("$java_home/bin/java" -version 2>&1 | head -1 | tr -d '"'), Debian's libraries"}]}
JSON
config_id="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mkdir -p "$work/image/$diff_id"
mv "$work/layer.tar" "$work/image/$diff_id/layer.tar"
cp "$work/config.json" "$work/image/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["hearth/jre-base:17"],"Layers":["%s/layer.tar"]}]\n' "$config_id" "$diff_id" > "$work/image/manifest.json"
tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 -C "$work/image" -cf "$out/hearth-jre-base.tar" \
  manifest.json "$config_id.json" "$diff_id/layer.tar"
rm -rf "$work"
echo "build-base.sh: $out/hearth-jre-base.tar ($(du -h "$out/hearth-jre-base.tar" | cut -f1)), layer sha256:$diff_id"
