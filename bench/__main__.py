import sys

BENCHMARKS = ("tally", "reports")

if __name__ == "__main__":
    args = sys.argv[1:]
    name = "tally"
    if args and not args[0].startswith("-"):
        name, args = args[0], args[1:]
    if name not in BENCHMARKS:
        sys.exit(f"Unknown benchmark {name!r}; the ones there are: {', '.join(BENCHMARKS)}")
    if name == "reports":
        from bench.reports import main
    else:
        from bench.tally import main
    sys.exit(main(args))
