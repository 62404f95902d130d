# Linear warmup for 5 epochs, then cosine annealing for the rest, via SequentialLR.
import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

EPOCHS = 100
WARMUP = 5

model = torch.nn.Linear(4, 2)
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.05)
warmup = LinearLR(optimizer, start_factor=0.01, end_factor=1.0, total_iters=WARMUP)
cosine = CosineAnnealingLR(optimizer, T_max=EPOCHS - WARMUP, eta_min=1e-6)
scheduler = SequentialLR(optimizer, schedulers=[warmup, cosine], milestones=[WARMUP])

for epoch in range(EPOCHS):
    optimizer.step()
    scheduler.step()
