# Values come from argparse defaults and a config dict; the extension resolves them statically.
import argparse

import torch
from torch.optim import lr_scheduler


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--epochs", type=int, default=90)
    parser.add_argument("--gamma", type=float, default=0.1)
    return parser.parse_args()


CFG = {"milestones": [30, 60, 80], "momentum": 0.9}


def main():
    args = parse_args()
    model = torch.nn.Linear(4, 2)
    optimizer = torch.optim.SGD(
        [
            {"params": model.weight},
            {"params": model.bias, "lr": args.lr * 2},
        ],
        lr=args.lr,
        momentum=CFG["momentum"],
    )
    scheduler = lr_scheduler.MultiStepLR(optimizer, milestones=CFG["milestones"], gamma=args.gamma)
    for epoch in range(args.epochs):
        optimizer.step()
        scheduler.step()


if __name__ == "__main__":
    main()
