import sys

from bench.tally import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["tally"]:
        args = args[1:]
    elif args and not args[0].startswith("-"):
        sys.exit(f"Unknown benchmark {args[0]!r}; the one there is: tally")
    sys.exit(main(args))
