"""The command-line interface: argparse front-ends over study's services, beside the GUI in app/."""
