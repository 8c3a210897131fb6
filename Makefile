# The two commands of the README, and a few helpers. Scripts in scripts/ do the work.
.PHONY: demo test build bench quality clean

demo:
	./scripts/demo.sh

test:
	./scripts/test.sh

build:
	./scripts/install-deps.sh
	./scripts/build.sh

bench: build
	./bench/run.sh

quality: build
	./scripts/quality.sh

clean:
	rm -rf build
