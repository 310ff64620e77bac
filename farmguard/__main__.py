"""``python -m farmguard``: the same as the ``farmguard`` command.

>>> import subprocess, sys
>>> subprocess.run([sys.executable, "-m", "farmguard", "--version"], capture_output=True, text=True).stdout
'farmguard 1.0.0\\n'
"""

from farmguard.cli import main

if __name__ == "__main__":
    main()
