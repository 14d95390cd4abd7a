# Sourced by the bench scripts. require PROGRAM=PACKAGE... checks that each
# PROGRAM (a command, or a path such as /usr/bin/time) is there. If some are
# not, it says which and how to install them, and exits 1; with INSTALL=1
# in the environment it installs their Debian packages with apt-get instead.
require() {
	local missing=() packages=() p
	for p in "$@"; do
		if ! command -v "${p%%=*}" > /dev/null; then
			missing+=("${p%%=*}")
			packages+=("${p#*=}")
		fi
	done
	[ ${#missing[@]} = 0 ] && return 0
	if [ "${INSTALL:-}" = 1 ]; then
		echo "$0: installing ${packages[*]} for ${missing[*]} (INSTALL=1)" >&2
		apt-get update -qq && apt-get install -y -qq "${packages[@]}" > /dev/null
		return
	fi
	echo "$0: missing ${missing[*]}: install ${packages[*]} (Debian, Ubuntu: apt-get install ${packages[*]}), or run with INSTALL=1 to have this script install them" >&2
	exit 1
}
